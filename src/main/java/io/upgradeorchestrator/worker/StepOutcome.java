package io.upgradeorchestrator.worker;

import java.util.List;

import io.upgradeorchestrator.action.ActionRun;

/**
 * What a step found on its node, sent back with the completion of its work item (local variable
 * {@link StepVariables#OUTCOME}, JSON) and recorded by the orchestrator in the same transaction as the completion:
 * the node's result in the rollout table, the action runs in {@code action_run}.
 *
 * @param step       the kind of step ({@code backup}, {@code upgrade}, {@code health}, {@code acceptance})
 * @param nodeStatus the node's new status ({@code UPGRADED}, {@code FAILED}, {@code UNHEALTHY}), or {@code null}
 *                   when the step does not change it (nothing to do, a healthy node, acceptance checks)
 * @param summary    one line for the rollout table, with {@code nodeStatus}
 * @param backup     the node's final backup, for backup steps
 * @param actions    the action runs the step made or was answered from, output masked and bounded
 */
public record StepOutcome(String step, String nodeId, String nodeStatus, String summary, Backup backup,
                          List<ActionRun> actions) {

    public StepOutcome {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** A node's final backup as its step found it (the file stays where the worker wrote it). */
    public record Backup(String location, Long sizeBytes, String sha256, boolean verified, String summary) {
    }

    public static StepOutcome of(String step, String nodeId, String nodeStatus, String summary) {
        return new StepOutcome(step, nodeId, nodeStatus, summary, null, List.of());
    }

    public StepOutcome withActions(List<ActionRun> runs) {
        return new StepOutcome(step, nodeId, nodeStatus, summary, backup, runs);
    }

    public String toJson() {
        return StepJson.write(this);
    }

    public static StepOutcome fromJson(String json) {
        return StepJson.read(json, StepOutcome.class, "step outcome");
    }
}
