package io.upgradeorchestrator.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryTopicBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExtendLockOnExternalTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

/** The in-application worker's way to the engine: its Java API, no HTTP in between. */
public class EngineExternalTasks implements ExternalTaskGateway {

    /** Completing many nodes of one multi-instance at once collides on the parent; try again, a little later. */
    private static final int CONFLICT_ATTEMPTS = 100;
    /** Tries of a group commit that met a conflict before its steps are completed one by one. */
    private static final int GROUP_ATTEMPTS = 5;
    private static final int LOCK_TIMEOUT_ATTEMPTS = 5;
    private static final int LOCKS_PER_TRANSACTION = 50;

    private final ExternalTaskService service;
    private final RuntimeService runtime;
    private final CommandExecutor commands;
    /** Completions waiting for their process instance's turn, by process instance. */
    private final Map<String, ConcurrentLinkedQueue<Completion>> waiting = new ConcurrentHashMap<>();

    /**
     * @param commands the engine's command executor (a new transaction per command): completions of one process
     *                 instance that wait for their turn are made in one transaction
     */
    public EngineExternalTasks(ExternalTaskService service, RuntimeService runtime, CommandExecutor commands) {
        this.service = service;
        this.runtime = runtime;
        this.commands = commands;
    }

    @Override
    public StepTask lock(String externalTaskId, String workerId, Duration lockDuration) {
        service.lock(externalTaskId, workerId, lockDuration.toMillis());
        ExternalTask task = service.createExternalTaskQuery().externalTaskId(externalTaskId).singleResult();
        Map<String, Object> variables = runtime.getVariablesLocal(task.getExecutionId(), StepVariables.FETCHED);
        return new StepTask(task.getId(), task.getTopicName(), task.getActivityId(), task.getProcessInstanceId(),
                task.getBusinessKey(), variables, task.getRetries());
    }

    @Override
    public List<StepTask> fetchAndLock(String workerId, int max, List<String> topics, Duration lockDuration,
                                       String businessKey) {
        var builder = service.fetchAndLock(max, workerId);
        for (String topic : topics) {
            ExternalTaskQueryTopicBuilder topicBuilder = builder.topic(topic, lockDuration.toMillis())
                    .variables(StepVariables.FETCHED).localVariables();
            if (businessKey != null) {
                topicBuilder.businessKey(businessKey);
            }
            builder = topicBuilder;
        }
        return builder.execute().stream().map(EngineExternalTasks::toStep).toList();
    }

    private static StepTask toStep(LockedExternalTask task) {
        return new StepTask(task.getId(), task.getTopicName(), task.getActivityId(), task.getProcessInstanceId(),
                task.getBusinessKey(), task.getVariables(), task.getRetries());
    }

    /**
     * Completing a node's step ends one instance of a parallel multi-instance: every completion of the same process
     * instance updates the same counters, so a hundred at once only wait for each other's row locks (and, on H2,
     * run into lock timeouts). Completions of one activity in one process instance therefore take turns here
     * ({@link #laneOf}), and whoever gets the turn completes every completion that queued up meanwhile in one
     * transaction (a group commit): a wave of a hundred nodes ends in a few transactions instead of a hundred. Should that transaction fail (a step gone, a
     * conflict with another node of the cluster), each is completed on its own, as before. Across workers the
     * engine's optimistic locking decides and the loser tries again.
     */
    @Override
    public void complete(StepTask task, String workerId, StepOutcome outcome) {
        // the outcome is local to the step's execution: the end listener (rollout.RecordNodeStep) reads it there
        Map<String, Object> local = Map.of(StepVariables.OUTCOME, StepVariables.outcomeValue(outcome));
        Completion completion = new Completion(task, workerId, local);
        String lane = laneOf(task);
        ConcurrentLinkedQueue<Completion> queue = waiting.computeIfAbsent(lane, key -> new ConcurrentLinkedQueue<>());
        queue.add(completion);
        synchronized (turnOf(task)) {
            if (!completion.done) {
                List<Completion> batch = new ArrayList<>();
                for (Completion next; (next = queue.poll()) != null; ) {
                    batch.add(next);
                }
                completeAll(batch);
            }
        }
        waiting.computeIfPresent(lane, (key, left) -> left.isEmpty() ? null : left);
        if (completion.failure != null) {
            throw completion.failure;
        }
    }

    private void completeAll(List<Completion> batch) {
        if (batch.size() > 1) {
            for (int attempt = 1; attempt <= GROUP_ATTEMPTS; attempt++) {
                try {
                    commands.execute(context -> {
                        for (Completion completion : batch) {
                            new CompleteExternalTaskCmd(completion.task.id(), completion.workerId, null,
                                    completion.localVariables).execute(context);
                        }
                        return null;
                    });
                    batch.forEach(completion -> completion.done = true);
                    return;
                } catch (OptimisticLockingException conflict) {
                    // a job of the same instance changed it meanwhile: the group is worth trying again, whole
                    pause(attempt);
                } catch (RuntimeException e) {
                    break;
                }
            }
            // rolled back as a whole: complete them one by one, so only the one that cannot be completed fails
        }
        for (Completion completion : batch) {
            try {
                withConflictRetries(completion.task, () -> service.complete(completion.task.id(), completion.workerId,
                        null, completion.localVariables));
            } catch (RuntimeException e) {
                completion.failure = e;
            }
            completion.done = true;
        }
    }

    /** One step's completion, made by whichever thread has its process instance's turn. */
    private static final class Completion {
        final StepTask task;
        final String workerId;
        final Map<String, Object> localVariables;
        volatile boolean done;
        volatile RuntimeException failure;

        Completion(StepTask task, String workerId, Map<String, Object> localVariables) {
            this.task = task;
            this.workerId = workerId;
            this.localVariables = localVariables;
        }
    }

    @Override
    public void handleFailure(StepTask task, String workerId, String errorMessage, String errorDetails, int retries,
                              Duration retryTimeout, StepOutcome outcome) {
        Map<String, Object> local = outcome == null ? null
                : Map.of(StepVariables.OUTCOME, StepVariables.outcomeValue(outcome));
        synchronized (turnOf(task)) {
            withConflictRetries(task, () -> service.handleFailure(task.id(), workerId, errorMessage, errorDetails,
                    retries, retryTimeout.toMillis(), null, local));
        }
    }

    private final Object[] turns = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    private Object turnOf(StepTask task) {
        return turns[Math.floorMod(laneOf(task).hashCode(), turns.length)];
    }

    /**
     * Completions that take turns: those of one activity in one process instance. Steps of one multi-instance end
     * into the same counters and collide; steps of different activities do not (a node's upgrade only moves its own
     * path on to its health check), so a wave's upgrades and health checks are completed side by side, on two cores.
     * Should they meet after all (a wave stopping while an upgrade is completed), the engine's optimistic locking
     * decides and the loser tries again.
     */
    private static String laneOf(StepTask task) {
        return (task.processInstanceId() == null ? task.id() : task.processInstanceId()) + "/" + task.activityId();
    }

    @Override
    public void extendLock(StepTask task, String workerId, Duration lockDuration) {
        withConflictRetries(task, () -> service.extendLock(task.id(), workerId, lockDuration.toMillis()));
    }

    /**
     * The heartbeat's extensions in a few transactions (up to {@value #LOCKS_PER_TRANSACTION} steps each) instead of one
     * per step: a worker holding two hundred steps extended them in two hundred transactions every heartbeat. A
     * transaction that fails (a step gone or completed meanwhile) is redone one step at a time, so only the steps that
     * are gone are reported.
     */
    @Override
    public Map<StepTask, RuntimeException> extendLocks(List<StepTask> tasks, String workerId, Duration lockDuration) {
        Map<StepTask, RuntimeException> failed = new LinkedHashMap<>();
        for (int from = 0; from < tasks.size(); from += LOCKS_PER_TRANSACTION) {
            List<StepTask> chunk = tasks.subList(from, Math.min(tasks.size(), from + LOCKS_PER_TRANSACTION));
            try {
                commands.execute(context -> {
                    for (StepTask task : chunk) {
                        new ExtendLockOnExternalTaskCmd(task.id(), workerId, lockDuration.toMillis()).execute(context);
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                failed.putAll(ExternalTaskGateway.super.extendLocks(chunk, workerId, lockDuration));
            }
        }
        return failed;
    }

    @Override
    public void unlock(StepTask task) {
        try {
            service.unlock(task.id());
        } catch (NotFoundException gone) {
            // nothing to give back
        }
    }

    private static void withConflictRetries(StepTask task, Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (OptimisticLockingException conflict) {
                if (attempt >= CONFLICT_ATTEMPTS) {
                    throw conflict;
                }
                pause(attempt);
            } catch (ProcessEnginePersistenceException busy) {
                // a lock timeout (H2) or a deadlock victim: the transaction was rolled back, try it again
                if (attempt >= LOCK_TIMEOUT_ATTEMPTS) {
                    throw busy;
                }
                pause(attempt);
            } catch (NotFoundException e) {
                throw new StepGoneException("step " + task.id() + " (" + task.activityId() + ") is gone: "
                        + e.getMessage(), e);
            } catch (BadUserRequestException e) {
                // locked by another worker, or the lock expired
                throw new StepGoneException("step " + task.id() + " (" + task.activityId() + ") is no longer ours: "
                        + e.getMessage(), e);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2, 10L * Math.min(attempt, 10) + 3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
