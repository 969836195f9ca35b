package io.upgradeorchestrator.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A runbook as JSON in the same shape as the inventory YAML, for the {@code inv_runbook} table. It is written and
 * read back ({@link InventoryReader#runbookFromJson}) by the files' own binding, so there is one definition of the
 * format.
 */
final class RunbookJson {

    private RunbookJson() {
    }

    static String write(Runbook runbook) {
        try {
            return InventoryBinding.json(runbook);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a runbook as JSON", e);
        }
    }
}
