package io.upgradeorchestrator.worker;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.upgradeorchestrator.action.ActionRun;

/**
 * What a step found on its node, sent back with the completion of its work item (local variable
 * {@link StepVariables#OUTCOME}, JSON) and recorded by the orchestrator in the same transaction as the completion:
 * the node's result in the rollout table, the action runs in {@code action_run}, a probe step's measurements, the
 * configuration items a step read. A step whose target said "no" in a way that must be retried (a failed rollback)
 * sends it with its failure report instead, and the orchestrator records it with the failure.
 *
 * @param step          the kind of step ({@code backup}, {@code upgrade}, {@code health}, {@code acceptance},
 *                      {@code rollback}, {@code restore}, {@code verify}, {@code probe})
 * @param nodeStatus    the node's new status ({@code UPGRADED}, {@code FAILED}, {@code UNHEALTHY},
 *                      {@code ROLLED_BACK}, {@code ROLLBACK_FAILED}), or {@code null} when the step does not change it
 * @param summary       one line for the rollout table, with {@code nodeStatus}
 * @param backup        the node's final backup, for backup steps
 * @param actions       the action runs the step made or was answered from, output masked and bounded
 * @param measurements  what a probe step measured, one per probe (absent for other steps)
 * @param configuration the node's configuration items as a step read them (absent when it read none)
 */
public record StepOutcome(String step, String nodeId, String nodeStatus, String summary, Backup backup,
                          List<ActionRun> actions,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Measurement> measurements,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ConfigurationReading> configuration) {

    public StepOutcome {
        actions = actions == null ? List.of() : List.copyOf(actions);
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
        configuration = configuration == null ? List.of() : List.copyOf(configuration);
    }

    public StepOutcome(String step, String nodeId, String nodeStatus, String summary, Backup backup,
                       List<ActionRun> actions) {
        this(step, nodeId, nodeStatus, summary, backup, actions, null, null);
    }

    /** A node's final backup as its step found it (the file stays where the worker wrote it). */
    public record Backup(String location, Long sizeBytes, String sha256, boolean verified, String summary) {
    }

    /** One monitoring probe on the node: median latency of the answered samples and the share that failed. */
    public record Measurement(String probe, long medianLatencyMillis, double errorRatePercent, int samples) {
    }

    /**
     * One configuration item of the node as read (content masked and bounded by the action layer).
     *
     * @param status {@code CAPTURED}, {@code MISSING}, {@code UNREADABLE} or {@code NOT_DECLARED}
     */
    public record ConfigurationReading(int itemIndex, String itemName, String itemKind, String status,
                                       String content, String sha256, long omittedBytes, String summary,
                                       Instant readAt) {
    }

    public static StepOutcome of(String step, String nodeId, String nodeStatus, String summary) {
        return new StepOutcome(step, nodeId, nodeStatus, summary, null, List.of());
    }

    public StepOutcome withActions(List<ActionRun> runs) {
        return new StepOutcome(step, nodeId, nodeStatus, summary, backup, runs, measurements, configuration);
    }

    public StepOutcome withMeasurements(List<Measurement> measured) {
        return new StepOutcome(step, nodeId, nodeStatus, summary, backup, actions, measured, configuration);
    }

    public StepOutcome withConfiguration(List<ConfigurationReading> readings) {
        return new StepOutcome(step, nodeId, nodeStatus, summary, backup, actions, measurements, readings);
    }

    public String toJson() {
        return StepJson.write(this);
    }

    public static StepOutcome fromJson(String json) {
        return StepJson.read(json, StepOutcome.class, "step outcome");
    }
}
