package io.upgradeorchestrator.window;

/** One reason why a window cannot be used, and which rule found it. */
public record WindowProblem(Kind kind, String reason) {

    public enum Kind {
        /** The requested window itself is invalid: unparseable, in the past, too soon for the lead time. */
        INVALID,
        TOO_SHORT,
        FREEZE,
        PEAK_PERIOD,
        CONFLICT,
        /** Someone who must be reachable during the window is not. */
        SUPPORT_UNAVAILABLE
    }

    @Override
    public String toString() {
        return reason;
    }
}
