package io.upgradeorchestrator.browser;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips browser tests, with the reason printed, when no Chromium is installed and the build does not require them. */
class ChromiumCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Chromium.installed()) {
            return ConditionEvaluationResult.enabled("Chromium found at " + Chromium.executable());
        }
        if (Chromium.required()) {
            // Run, and fail on launch with a message that says what is missing.
            return ConditionEvaluationResult.enabled("browser tests are required (-Pbrowser)");
        }
        String reason = "Browser tests skipped: no Chromium at " + Chromium.executable()
                + " (install Debian's chromium, or set -Dbrowser.chromium=<path>; -Pbrowser makes a missing Chromium fail the build)";
        if (context.getTestMethod().isEmpty()) {
            System.out.println("[browser] " + context.getDisplayName() + ": " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
