package io.upgradeorchestrator.inventory;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows the list of inventory errors as the start-up failure report instead of a stack trace.
 * Registered in META-INF/spring.factories.
 */
public final class InventoryValidationFailureAnalyzer extends AbstractFailureAnalyzer<InventoryValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InventoryValidationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct the listed entries in the inventory files and start the application again. "
                        + "The folder is set by the property 'upgrade-orchestrator.inventory.location'.",
                cause);
    }
}
