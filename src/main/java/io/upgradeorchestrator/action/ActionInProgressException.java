package io.upgradeorchestrator.action;

/**
 * Another worker is running the action with this idempotency key right now. A retry later gets its result.
 */
public class ActionInProgressException extends ActionFailedException {

    ActionInProgressException(ActionRun run) {
        super("`" + run.description() + "` on " + run.target() + " (" + run.actionName() + ", key "
                + run.idempotencyKey() + ") is already running since " + run.startedAt() + "; retry later for its result");
    }
}
