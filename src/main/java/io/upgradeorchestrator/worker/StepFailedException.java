package io.upgradeorchestrator.worker;

/**
 * A step whose target said "no" in a way that is retried and then becomes an incident (a failed rollback), with what
 * the step found: the worker reports the failure with this outcome (local variable {@link StepVariables#OUTCOME}),
 * and the orchestrator records it in the failure's transaction ({@link FailedStepRecorder}).
 */
public class StepFailedException extends RuntimeException {

    private final transient StepOutcome outcome;

    public StepFailedException(String message, StepOutcome outcome) {
        super(message);
        this.outcome = outcome;
    }

    /** What the step found, or {@code null} when there is nothing to record. */
    public StepOutcome outcome() {
        return outcome;
    }
}
