package io.upgradeorchestrator.rollback;

/**
 * A rollback, restore or check of the old version did not succeed. Not a business outcome: a person must look,
 * so the job fails, is retried, and becomes an incident whose message says which node, what ran and what came back.
 */
public class RollbackFailedException extends RuntimeException {

    public RollbackFailedException(String message) {
        super(message);
    }
}
