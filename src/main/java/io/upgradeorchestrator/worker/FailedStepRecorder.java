package io.upgradeorchestrator.worker;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The orchestrator's side of a failure report that carries an outcome ({@link StepFailedException}): records it in
 * the failure's transaction ({@link StepFailureRecording}), as the end listener of a step records a completion's
 * outcome.
 */
public interface FailedStepRecorder {

    /** The plain topics whose failures it records. */
    Set<String> topics();

    /** Checks and records what the failed step found; a foreign outcome is refused (400) with the failure. */
    void recordFailure(DelegateExecution step, StepOutcome outcome);
}
