package io.upgradeorchestrator.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * Per wave, how many nodes wait, run, are done or failed, and which runbook step each running node is in. The
 * nodes' outcomes come from the rollout table; what runs now comes from the engine's locked external tasks, which
 * are the truth whichever worker (in the application or remote) holds them.
 */
@Service
public class RolloutProgress {

    private static final String TOPIC_PREFIX = "runbook.";

    private final RolloutNodeResults results;
    private final RuntimeService runtime;
    private final ExternalTaskService externalTasks;

    RolloutProgress(RolloutNodeResults results, RuntimeService runtime, ExternalTaskService externalTasks) {
        this.results = results;
        this.runtime = runtime;
        this.externalTasks = externalTasks;
    }

    /** The upgrade's waves in order; empty before its rollout is planned. Callers read as the system. */
    public List<WaveProgress> of(String upgradeId) {
        List<RolloutNodeResults.WaveStep> nodes = results.steps(upgradeId);
        if (nodes.isEmpty()) {
            return List.of();
        }
        boolean ended = runtime.createProcessInstanceQuery().processInstanceBusinessKey(upgradeId).count() == 0;
        Map<String, RunningStep> running = ended ? Map.of() : runningSteps(upgradeId);
        Map<Integer, WaveCounter> waves = new LinkedHashMap<>();
        for (RolloutNodeResults.WaveStep node : nodes) {
            waves.computeIfAbsent(node.wave(), wave -> new WaveCounter(wave, node.canary(), ended))
                    .add(node, running.get(node.nodeId()));
        }
        return waves.values().stream().map(WaveCounter::progress).toList();
    }

    /** Locked runbook steps of the upgrade's process tree, by node. */
    private Map<String, RunningStep> runningSteps(String upgradeId) {
        String[] instanceIds = runtime.createProcessInstanceQuery().processInstanceBusinessKey(upgradeId).list()
                .stream().map(ProcessInstance::getId).toArray(String[]::new);
        Map<String, RunningStep> byNode = new HashMap<>();
        if (instanceIds.length == 0) {
            return byNode;
        }
        Instant now = Instant.now();
        for (ExternalTask task : externalTasks.createExternalTaskQuery().processInstanceIdIn(instanceIds).locked()
                .list()) {
            if (task.getLockExpirationTime() == null || task.getLockExpirationTime().toInstant().isBefore(now)) {
                continue; // its worker died: it waits for the next one
            }
            Object node = runtime.getVariable(task.getExecutionId(), StepVariables.NODE);
            if (node != null) {
                byNode.put(node.toString(), new RunningStep(node.toString(), stepName(task.getTopicName()),
                        task.getActivityId(), task.getWorkerId(), task.getLockExpirationTime().toInstant()));
            }
        }
        return byNode;
    }

    private static String stepName(String topic) {
        if (topic == null) {
            return null;
        }
        // a zone's topic (runbook.upgrade.fra) is the same step
        String plain = StepTopics.plain(topic);
        return plain.startsWith(TOPIC_PREFIX) ? plain.substring(TOPIC_PREFIX.length()) : plain;
    }

    /**
     * One wave: every node counted once: running while a worker holds one of its steps (or its upgrade has started
     * and not ended), otherwise by its outcome. {@code notReached}: nodes the rollout never came to before the
     * upgrade ended (a rollback, a cancellation); while it runs they are {@code waiting}.
     */
    public record WaveProgress(int wave, boolean canary, int nodes, int waiting, int running, int done, int failed,
                               int cancelled, int rolledBack, int notReached, List<RunningStep> runningSteps) {
    }

    /** A node in a runbook step now: the step (backup, upgrade, health, acceptance), who runs it, until when. */
    public record RunningStep(String node, String step, String activityId, String worker, Instant lockedUntil) {
    }

    private static final class WaveCounter {
        final int wave;
        final boolean canary;
        int nodes;
        int waiting;
        int running;
        int done;
        int failed;
        int cancelled;
        int rolledBack;
        int notReached;
        final boolean ended;
        final List<RunningStep> steps = new ArrayList<>();

        WaveCounter(int wave, boolean canary, boolean ended) {
            this.wave = wave;
            this.canary = canary;
            this.ended = ended;
        }

        void add(RolloutNodeResults.WaveStep node, RunningStep step) {
            nodes++;
            if (step != null) {
                running++;
                steps.add(step);
                return;
            }
            switch (node.status()) {
                case PLANNED -> {
                    if (ended) {
                        notReached++;
                    } else {
                        waiting++;
                    }
                }
                case UPGRADING -> {
                    running++;
                    steps.add(new RunningStep(node.nodeId(), "upgrade", null, null, null));
                }
                case UPGRADED -> done++;
                case FAILED, UNHEALTHY, ROLLBACK_FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case ROLLED_BACK -> rolledBack++;
            }
        }

        WaveProgress progress() {
            return new WaveProgress(wave, canary, nodes, waiting, running, done, failed, cancelled, rolledBack,
                    notReached, List.copyOf(steps));
        }
    }
}
