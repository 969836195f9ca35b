package io.upgradeorchestrator.runbook;

import java.util.regex.Pattern;

import io.upgradeorchestrator.action.ActionResult;

/** Reads a runbook health check's answer: it succeeds when the node serves and names the release it runs. */
public final class HealthAnswer {

    private HealthAnswer() {
    }

    /** Whether the answer names {@code version} as a whole word (so 15.6 does not match 15.60). */
    public static boolean names(ActionResult health, String version) {
        return health.output() != null && Pattern.compile("(?<![\\w.])" + Pattern.quote(version) + "(?![\\w.])")
                .matcher(health.output()).find();
    }

    /** The node serves and runs {@code version}. */
    public static boolean runs(ActionResult health, String version) {
        return health.succeeded() && names(health, version);
    }
}
