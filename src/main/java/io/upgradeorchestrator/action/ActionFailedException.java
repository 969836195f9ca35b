package io.upgradeorchestrator.action;

/**
 * An action did not succeed and the caller treats that as a technical failure. The message is the run's summary
 * (what ran, where, what came back), so it reads well as the text of an incident.
 */
public class ActionFailedException extends RuntimeException {

    private final transient ActionResult result;

    public ActionFailedException(ActionResult result) {
        super(result.summary());
        this.result = result;
    }

    protected ActionFailedException(String message) {
        super(message);
        this.result = null;
    }

    /** The recorded result, or {@code null} when the action has no result yet (see {@link ActionInProgressException}). */
    public ActionResult result() {
        return result;
    }
}
