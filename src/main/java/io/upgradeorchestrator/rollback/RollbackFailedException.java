package io.upgradeorchestrator.rollback;

import io.upgradeorchestrator.worker.StepFailedException;
import io.upgradeorchestrator.worker.StepOutcome;

/**
 * A rollback, restore or check of the old version did not succeed. Not a business outcome: a person must look,
 * so the step fails, is retried, and becomes an incident whose message says which node, what ran and what came back.
 * What the step found goes with the failure and is recorded by the orchestrator (a rollback's "no": ROLLBACK_FAILED).
 */
public class RollbackFailedException extends StepFailedException {

    public RollbackFailedException(String message) {
        super(message, null);
    }

    public RollbackFailedException(String message, StepOutcome outcome) {
        super(message, outcome);
    }
}
