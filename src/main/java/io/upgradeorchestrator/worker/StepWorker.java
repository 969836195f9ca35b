package io.upgradeorchestrator.worker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.upgradeorchestrator.action.ActionFailedException;
import io.upgradeorchestrator.action.ActionInProgressException;
import io.upgradeorchestrator.action.StepActions;
import io.upgradeorchestrator.action.StepCancellation;

/**
 * Fetches runbook steps (external tasks) and runs them on a bounded pool of its own, never on an engine thread:
 *
 * <ul>
 *   <li>at most {@code pool-size} steps at once (the global cap), and at most the upgrade's {@code maxParallelNodes}
 *       steps of one upgrade (more fetched steps of that upgrade wait, locked, for a free place);</li>
 *   <li>a heartbeat extends the lock of every step it holds; when that fails because the step is gone (rollback
 *       decided, upgrade cancelled) or its lock was lost, the step is cancelled: the program it runs is killed with
 *       its process tree (the orchestrator recorded the node when the engine withdrew the step);</li>
 *   <li>a step that ends completes its external task with its {@link StepOutcome} (the node's result and the action
 *       runs it made), which the orchestrator records in the same transaction; a step that could not run reports a
 *       failure with the action's summary (what ran, where, what came back): retries with a pause, then an
 *       incident, as the jobs do. A step whose target's "no" is such a failure ({@link StepFailedException}) sends
 *       its outcome with the failure, for the orchestrator to record.</li>
 * </ul>
 *
 * The same worker runs inside the application ({@link EngineExternalTasks}) and as a remote worker
 * ({@code remote.RestExternalTasks}). A worker that dies holds nothing after {@code lock-duration}: the engine hands
 * its steps to the next worker, which runs them again (the action layer answers completed actions from its journal).
 */
public class StepWorker {

    private static final Logger log = LoggerFactory.getLogger(StepWorker.class);
    /** How long a step that finds its action running elsewhere waits at most before it looks again. */
    private static final Duration IN_PROGRESS_RECHECK = Duration.ofSeconds(30);

    private final ExternalTaskGateway gateway;
    private final Map<String, StepHandler> handlers;
    private final WorkerProperties properties;
    private final String workerId;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService scheduler;

    /** Every step this worker holds a lock on: running or waiting for a place. */
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<String, Integer> runningPerUpgrade = new HashMap<>();
    private final Map<String, Deque<Held>> waitingPerUpgrade = new HashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Object wakeUp = new Object();
    /** Guarded by {@link #wakeUp}: steps were created since the current fetch began. */
    private boolean wokenUp;
    private volatile boolean stopped;
    private Thread fetcher;

    public StepWorker(ExternalTaskGateway gateway, List<StepHandler> handlers, WorkerProperties properties,
                      String workerId) {
        this.gateway = gateway;
        this.handlers = handlers.stream().collect(Collectors.toMap(StepHandler::topic, Function.identity()));
        this.properties = properties;
        this.workerId = workerId;
        if (topics().isEmpty()) {
            throw new IllegalArgumentException("Step worker " + workerId + " has no handler for any of its topics "
                    + properties.fetchedTopics());
        }
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(properties.poolSize(), properties.poolSize(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "step-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.pool.allowCoreThreadTimeOut(true);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "step-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    public String workerId() {
        return workerId;
    }

    /** The topics this worker serves: those of {@code topics} it has a handler for. */
    public List<String> topics() {
        return properties.fetchedTopics().stream().filter(topic -> handlers.containsKey(StepTopics.plain(topic)))
                .toList();
    }

    /** Starts the heartbeat, and the background fetching when {@code enabled}. */
    public synchronized void start() {
        long beat = properties.heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        if (properties.enabled()) {
            startFetching();
        }
    }

    /** Starts fetching steps in the background (done by {@link #start()} when {@code enabled}). */
    public synchronized void startFetching() {
        if (fetcher != null || stopped) {
            return;
        }
        fetcher = new Thread(this::fetchLoop, "step-fetcher");
        fetcher.setDaemon(true);
        fetcher.start();
        log.info("Step worker {} serves {} with up to {} steps at once (lock {}, heartbeat {})", workerId,
                topics(), properties.poolSize(), properties.lockDuration(), properties.heartbeatInterval());
    }

    /** Stops fetching; steps still running are killed and given back, so another worker takes them at once. */
    public synchronized void stop() {
        stopped = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        scheduler.shutdownNow();
        for (Held step : held.values()) {
            step.cancellation.cancel("the worker " + workerId + " is shutting down");
            step.givenBack = true;
            gateway.unlock(step.task);
        }
        pool.shutdown();
    }

    /** New steps are waiting (the engine just created them): fetch now rather than at the next poll. */
    public void wakeUp() {
        synchronized (wakeUp) {
            wokenUp = true;
            wakeUp.notifyAll();
        }
    }

    /** Steps held now (running or waiting for a place). */
    public int held() {
        return held.size();
    }

    /** Steps running now. */
    public int running() {
        return running.get();
    }

    public int poolSize() {
        return properties.poolSize();
    }

    /**
     * Fetches what is there now (of one upgrade, or of all when {@code businessKey} is null) and starts it without
     * waiting for it to end. For tests and benchmarks that drive the engine themselves.
     *
     * @return how many steps were fetched
     */
    public int fetchAndStart(String businessKey) {
        int free = properties.poolSize() - held.size();
        if (free <= 0 || stopped) {
            return 0;
        }
        List<String> topics = topics();
        if (topics.isEmpty()) {
            return 0;
        }
        List<StepTask> tasks = gateway.fetchAndLock(workerId, Math.min(free, properties.maxTasksPerFetch()), topics,
                properties.lockDuration(), businessKey);
        tasks.forEach(this::accept);
        return tasks.size();
    }

    /** Locks and starts one step by its id, without waiting for it to end (tests choose the order of steps). */
    public void start(String externalTaskId) {
        accept(gateway.lock(externalTaskId, workerId, properties.lockDuration()));
    }

    private void fetchLoop() {
        int failures = 0;
        while (!stopped) {
            int fetched = 0;
            long pause = properties.pollInterval().toMillis();
            synchronized (wakeUp) {
                wokenUp = false; // this fetch sees whatever was committed before the wake-up
            }
            try {
                fetched = fetchAndStart(null);
                failures = 0;
            } catch (RuntimeException e) {
                // an unreachable engine (a remote worker's network) is asked again less and less often, up to 30 s
                failures++;
                pause = Math.min(30_000L, Math.max(pause, 500L) << Math.min(failures - 1, 6));
                log.warn("Step worker {} could not fetch steps (trying again in {} ms): {}", workerId, pause,
                        e.getMessage());
            }
            if (fetched == 0) {
                synchronized (wakeUp) {
                    try {
                        if (!wokenUp || failures > 0) { // a wake-up during a fetch is not lost: fetch again at once
                            wakeUp.wait(pause);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void accept(StepTask task) {
        StepInput input = inputOf(task);
        Held step = new Held(task, upgradeOf(task, input), limitOf(input));
        if (held.putIfAbsent(task.id(), step) != null) {
            // its lock ran out before a heartbeat extended it (a stalled machine), and this worker fetched it again:
            // the step runs here already, and the fetch has just renewed its lock
            log.warn("Step {} was fetched again while this worker still holds it (its lock had run out); it is not"
                    + " started twice", describe(task));
            return;
        }
        boolean start;
        synchronized (this) {
            int now = runningPerUpgrade.getOrDefault(step.upgrade, 0);
            start = now < step.limit;
            if (start) {
                runningPerUpgrade.put(step.upgrade, now + 1);
            } else {
                waitingPerUpgrade.computeIfAbsent(step.upgrade, key -> new ArrayDeque<>()).add(step);
            }
        }
        if (start) {
            submit(step);
        }
    }

    private void submit(Held step) {
        running.incrementAndGet();
        pool.execute(() -> run(step));
    }

    private void run(Held step) {
        StepTask task = step.task;
        StepHandler handler = handlers.get(StepTopics.plain(task.topic()));
        try {
            if (step.cancellation.isCancelled()) {
                return;
            }
            StepOutcome outcome;
            StepFailedException[] said = new StepFailedException[1];
            try {
                StepActions.Collected<StepOutcome> performed = step.cancellation.callWith(
                        () -> StepActions.collect(() -> {
                            try {
                                return handler.perform(task);
                            } catch (StepFailedException no) {
                                said[0] = no; // the target's "no", with what the step found and the runs it made
                                return no.outcome();
                            }
                        }));
                outcome = performed.result() == null ? null : performed.result().withActions(performed.runs());
            } catch (Exception failure) {
                if (step.cancellation.isCancelled()) {
                    cancelled(step);
                } else {
                    fail(step, failure, null);
                }
                return;
            }
            // its program has ended: the target is no longer worked on, so the upgrade's next step may start while
            // this one is still being reported (a wave's reports queue up for their process instance's turn)
            freePlace(step);
            if (step.cancellation.isCancelled()) {
                cancelled(step);
                return;
            }
            if (said[0] != null) {
                fail(step, said[0], outcome);
                return;
            }
            step.reporting = true;
            try {
                gateway.complete(task, workerId, outcome);
            } catch (ExternalTaskGateway.StepGoneException gone) {
                log.info("Step {} ended, but its work item is gone: {}", describe(task), gone.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("Step {} could not be reported; its lock will expire and it will run again", describe(task), e);
        } finally {
            finished(step);
        }
    }

    /** The orchestrator recorded the node when it withdrew the step (rollout.RecordNodeStep); nothing to report. */
    private void cancelled(Held step) {
        log.info("Step {} was cancelled: {}", describe(step.task), step.cancellation.reason());
    }

    private void fail(Held step, Exception failure, StepOutcome outcome) {
        StepTask task = step.task;
        if (failure instanceof ActionInProgressException busy) {
            // another attempt of the same action is still running: wait for it without using up a retry
            Duration wait = busy.staleAt() == null ? IN_PROGRESS_RECHECK
                    : Duration.between(Instant.now(), busy.staleAt());
            wait = wait.isNegative() ? Duration.ZERO : wait.compareTo(IN_PROGRESS_RECHECK) > 0 ? IN_PROGRESS_RECHECK : wait;
            int retries = task.retries() == null ? properties.retries() : Math.max(1, task.retries());
            report(step, busy.getMessage(), failure, retries, wait, null);
            return;
        }
        int retries = (task.retries() == null ? properties.retries() : task.retries()) - 1;
        String message = failure instanceof ActionFailedException ? failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        log.warn("Step {} failed ({} retries left): {}", describe(task), Math.max(0, retries), message);
        report(step, message, failure, Math.max(0, retries), retries > 0 ? properties.retryTimeout() : Duration.ZERO,
                outcome);
    }

    private void report(Held step, String message, Exception failure, int retries, Duration retryTimeout,
                        StepOutcome outcome) {
        step.reporting = true;
        StringWriter details = new StringWriter();
        details.append(message).append("\n\n");
        failure.printStackTrace(new PrintWriter(details));
        try {
            gateway.handleFailure(step.task, workerId, message, details.toString(), retries, retryTimeout, outcome);
        } catch (ExternalTaskGateway.StepGoneException gone) {
            log.info("Step {} failed, but its work item is gone: {}", describe(step.task), gone.getMessage());
        }
    }

    private void finished(Held step) {
        // only a full worker may have left steps behind at its last fetch: then fetch again now
        boolean wasFull = held.size() >= properties.poolSize();
        held.remove(step.task.id());
        running.decrementAndGet();
        freePlace(step);
        if (wasFull) {
            wakeUp();
        }
    }

    /** Gives the step's place among its upgrade's {@code maxParallelNodes} to the next waiting step (once). */
    private void freePlace(Held step) {
        Held next;
        synchronized (this) {
            if (step.placeFreed) {
                return;
            }
            step.placeFreed = true;
            Deque<Held> waiting = waitingPerUpgrade.get(step.upgrade);
            next = waiting == null ? null : waiting.poll();
            if (waiting != null && waiting.isEmpty()) {
                waitingPerUpgrade.remove(step.upgrade);
            }
            if (next == null) {
                int left = runningPerUpgrade.getOrDefault(step.upgrade, 1) - 1;
                if (left <= 0) {
                    runningPerUpgrade.remove(step.upgrade);
                } else {
                    runningPerUpgrade.put(step.upgrade, left);
                }
            }
        }
        if (next != null) {
            submit(next);
        }
    }

    /**
     * Runs a heartbeat shortly (after the caller's transaction has committed): called when the process just withdrew
     * steps (a wave stopped), so this worker kills what they run at once instead of at its next regular heartbeat.
     */
    public void heartbeatSoon() {
        if (!stopped) {
            scheduler.schedule(this::heartbeat, 300, TimeUnit.MILLISECONDS);
        }
    }

    /** Extends the lock of every held step; a step whose work item is gone or whose lock is lost is cancelled. */
    void heartbeat() {
        // a step being reported is left alone: extending its lock would make its completion's transaction meet a
        // changed row and roll back (with the other steps completed in the same group)
        Map<StepTask, Held> beating = new HashMap<>();
        for (Held step : List.copyOf(held.values())) {
            if (!step.givenBack && !step.reporting && !step.cancellation.isCancelled()) {
                beating.put(step.task, step);
            }
        }
        if (beating.isEmpty()) {
            return;
        }
        Map<StepTask, RuntimeException> failed;
        try {
            failed = gateway.extendLocks(List.copyOf(beating.keySet()), workerId, properties.lockDuration());
        } catch (RuntimeException e) {
            log.warn("Heartbeat of {} steps failed: {}", beating.size(), e.getMessage());
            return;
        }
        failed.forEach((task, failure) -> {
            if (failure instanceof ExternalTaskGateway.StepGoneException gone) {
                cancel(beating.get(task), "its work item is gone or no longer locked by " + workerId + " ("
                        + gone.getMessage() + ")");
            } else {
                log.warn("Heartbeat of step {} failed: {}", describe(task), failure.getMessage());
            }
        });
    }

    private void cancel(Held step, String reason) {
        boolean wasWaiting;
        synchronized (this) {
            Deque<Held> waiting = waitingPerUpgrade.get(step.upgrade);
            wasWaiting = waiting != null && waiting.remove(step);
        }
        step.cancellation.cancel(reason);
        if (wasWaiting) {
            held.remove(step.task.id());
            log.info("Step {} was withdrawn before it started: {}", describe(step.task), reason);
        }
    }

    private static String upgradeOf(StepTask task, StepInput input) {
        return input != null ? input.upgradeId()
                : task.businessKey() != null ? task.businessKey() : task.processInstanceId();
    }

    private int limitOf(StepInput input) {
        Integer limit = input == null ? null : input.maxParallelNodes();
        return limit == null || limit < 1 ? properties.poolSize() : limit;
    }

    /** The step's input, or {@code null} when it has none that can be read (its handler then says why). */
    private static StepInput inputOf(StepTask task) {
        try {
            return task.variables().get(StepVariables.INPUT) == null ? null : task.input();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(StepTask task) {
        StepInput input = inputOf(task);
        return task.activityId() + (input != null ? " on " + input.nodeId() : "") + " (" + task.topic() + ", "
                + task.id() + ")";
    }

    /** One step this worker holds. */
    private static final class Held {
        final StepTask task;
        final String upgrade;
        final int limit;
        final StepCancellation cancellation = new StepCancellation();
        volatile boolean givenBack;
        /** Its perform has ended and its result is being reported: the heartbeat no longer touches it. */
        volatile boolean reporting;
        /** Guarded by the worker: its place among its upgrade's running steps went to the next one. */
        boolean placeFreed;

        Held(StepTask task, String upgrade, int limit) {
            this.task = task;
            this.upgrade = upgrade;
            this.limit = limit;
        }
    }

    /** For tests: the steps held now, by topic. */
    public Map<String, Long> heldByTopic() {
        return new ArrayList<>(held.values()).stream()
                .collect(Collectors.groupingBy(step -> step.task.topic(), Collectors.counting()));
    }
}
