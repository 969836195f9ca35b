package io.upgradeorchestrator.worker;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;

import io.upgradeorchestrator.action.ActionRun;
import io.upgradeorchestrator.variables.JsonText;

/**
 * What every recording listener of a step's outcome does first (rollout.RecordNodeStep, rollback.RecordRollbackStep,
 * monitoring.RecordProbeStep): read the outcome the completion carried and refuse one that is not this step's (400).
 */
public final class StepRecords {

    private StepRecords() {
    }

    /** The outcome the ending step was completed with, or {@code null} when it ended without one (withdrawn). */
    public static StepOutcome outcomeOf(DelegateExecution step, String kind, String nodeId) {
        String json = JsonText.of(step.getVariableLocalTyped(StepVariables.OUTCOME));
        if (json == null) {
            return null;
        }
        try {
            return StepOutcome.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new BadUserRequestException("Step " + kind + " of node " + nodeId + ": " + e.getMessage());
        }
    }

    /**
     * Why the outcome is not one of this step's, or {@code null}: another node or kind of step, or an action run of
     * another upgrade, another target or outside the step's keys (starting with one of {@code keyPrefixes}).
     */
    public static String foreign(StepOutcome outcome, String kind, String upgradeId, String nodeId,
                                 String... keyPrefixes) {
        if (!nodeId.equals(outcome.nodeId()) || !kind.equals(outcome.step())) {
            return "it is the outcome of step '" + outcome.step() + "' of node " + outcome.nodeId();
        }
        for (ActionRun run : outcome.actions()) {
            if (!upgradeId.equals(run.upgradeId()) || run.idempotencyKey() == null
                    || java.util.Arrays.stream(keyPrefixes).noneMatch(run.idempotencyKey()::startsWith)
                    || !nodeId.equals(run.target())) {
                return "action run " + run.idempotencyKey() + " on " + run.target() + " is not one of this step's"
                        + " (keys start with " + String.join(" or ", keyPrefixes) + ", target " + nodeId + ")";
            }
            if (run.id() == null || run.actionName() == null || run.kind() == null || run.description() == null
                    || run.status() == null || run.startedAt() == null) {
                return "action run " + run.idempotencyKey() + " lacks id, actionName, kind, description, status or"
                        + " startedAt";
            }
        }
        return null;
    }

    /** Refuses the outcome (400) when {@code problem} is not {@code null}. */
    public static void refuseIf(String problem, String kind, String upgradeId, String nodeId) {
        if (problem != null) {
            throw refused(problem, kind, upgradeId, nodeId);
        }
    }

    /** The refusal (400) of an outcome that is not this step's, saying why. */
    public static BadUserRequestException refused(String problem, String kind, String upgradeId, String nodeId) {
        return new BadUserRequestException("The outcome sent for step '" + kind + "' of node " + nodeId + " of "
                + upgradeId + " is refused: " + problem);
    }
}
