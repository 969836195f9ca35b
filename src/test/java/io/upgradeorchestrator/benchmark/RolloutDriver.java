package io.upgradeorchestrator.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;

/**
 * One rollout, timed the same way on both sides: from starting the instance until its manual checks are answered and
 * it has ended, in wall-clock time and in CPU time of the whole JVM (both applications live in it; the idle one adds
 * next to nothing). The job executor does all asynchronous work, as in production; this thread only starts the instance,
 * polls for the manual-check task every {@value #POLL_MILLIS} ms (on both sides alike) and completes it.
 */
abstract class RolloutDriver {

    static final long POLL_MILLIS = 10;
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    /** What one rollout took (wall clock and CPU, see {@link ProcessCpu}) and did. */
    record Run(long nanos, long cpuNanos, int waves, long jobs, long actions, long actionMillis) {
        double millis() {
            return nanos / 1_000_000.0;
        }

        double cpuMillis() {
            return cpuNanos / 1_000_000.0;
        }
    }

    protected final ProcessEngine engine;

    RolloutDriver(ProcessEngine engine) {
        this.engine = engine;
    }

    /** Starts the rollout of {@code nodes} nodes; returns the process instance id. */
    protected abstract String start(int nodes, String businessKey);

    /** The answer of the manual-check form. */
    protected abstract Map<String, Object> manualChecksAnswer();

    /** Checks the rollout did what it should (not timed); returns the number of waves it ran. */
    protected abstract int verify(String processInstanceId, String businessKey, int nodes);

    /** Actions (programs run against nodes) of this rollout and their summed duration; none for the baseline. */
    protected long[] actions(String businessKey) {
        return new long[] {0, 0};
    }

    Run run(int nodes, String businessKey) {
        long cpu = ProcessCpu.nanos();
        long started = System.nanoTime();
        String instance = start(nodes, businessKey);
        Task manualChecks = awaitManualChecks(instance, started);
        engine.getTaskService().claim(manualChecks.getId(), "oscar");
        engine.getTaskService().complete(manualChecks.getId(), manualChecksAnswer());
        long took = System.nanoTime() - started;
        cpu = ProcessCpu.nanos() - cpu;

        HistoricProcessInstance ended = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(instance).singleResult();
        if (!"COMPLETED".equals(ended.getState())) {
            throw new IllegalStateException(businessKey + " did not complete: " + ended.getState());
        }
        int waves = verify(instance, businessKey, nodes);
        long[] actions = actions(businessKey);
        return new Run(took, cpu, waves, successfulJobs(instance), actions[0], actions[1]);
    }

    private Task awaitManualChecks(String instance, long started) {
        for (int polls = 1; ; polls++) {
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance)
                    .taskDefinitionKey(BareRolloutModel.CHECK_MANUALLY).singleResult();
            if (task != null) {
                return task;
            }
            if (polls % 100 == 0) { // about once a second: a stuck rollout must end the benchmark, not hang it
                List<Incident> incidents = engine.getRuntimeService().createIncidentQuery().list();
                if (!incidents.isEmpty()) {
                    throw new IllegalStateException(engine.getName() + ": incident " + incidents.get(0).getActivityId()
                            + ": " + incidents.get(0).getIncidentMessage());
                }
                if (System.nanoTime() - started > GIVE_UP_AFTER.toNanos()) {
                    throw new IllegalStateException(engine.getName() + ": no manual checks after " + GIVE_UP_AFTER);
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Jobs that ran to success in the instance and its waves: equal on both sides when the shapes are equal. */
    private long successfulJobs(String instance) {
        List<String> instances = new ArrayList<>(List.of(instance));
        engine.getHistoryService().createHistoricProcessInstanceQuery().superProcessInstanceId(instance).list()
                .forEach(child -> instances.add(child.getId()));
        return instances.stream().mapToLong(id -> engine.getHistoryService().createHistoricJobLogQuery()
                .processInstanceId(id).successLog().count()).sum();
    }

    /** Waves the instance ran (called instances) and the node instances they ran. */
    protected long[] wavesAndNodeInstances(String instance, String nodeActivityId) {
        return wavesAndNodeInstances(instance, nodeActivityId, null);
    }

    /** The same, counting only called instances of {@code waveKey} (the product also calls batches of steps). */
    protected long[] wavesAndNodeInstances(String instance, String nodeActivityId, String waveKey) {
        var query = engine.getHistoryService().createHistoricProcessInstanceQuery().superProcessInstanceId(instance);
        if (waveKey != null) {
            query.processDefinitionKey(waveKey);
        }
        List<HistoricProcessInstance> waves = query.list();
        long nodes = waves.stream().mapToLong(wave -> engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(wave.getId()).activityId(nodeActivityId).finished().count()).sum();
        return new long[] {waves.size(), nodes};
    }
}
