package io.upgradeorchestrator.action;

import java.time.Instant;

/**
 * Another worker is running the action with this idempotency key right now. A retry later gets its result.
 */
public class ActionInProgressException extends ActionFailedException {

    private final transient Instant staleAt;

    ActionInProgressException(ActionRun run, Instant staleAt) {
        super("`" + run.description() + "` on " + run.target() + " (" + run.actionName() + ", key "
                + run.idempotencyKey() + ") is already running since " + run.startedAt() + "; retry later for its result"
                + " (if it has not ended by " + staleAt + ", its worker is taken to have died and it runs again)");
        this.staleAt = staleAt;
    }

    /** When the running attempt counts as abandoned if it has not ended by then: the next attempt runs it again. */
    public Instant staleAt() {
        return staleAt;
    }
}
