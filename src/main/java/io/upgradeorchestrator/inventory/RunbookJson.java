package io.upgradeorchestrator.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.upgradeorchestrator.action.ActionSpec;

/**
 * A runbook as JSON in the same shape as the inventory YAML, for the {@code inv_runbook} table, and a configuration
 * item's {@code read} for {@code inv_configuration_item}. Both are written and read back
 * ({@link InventoryReader#runbookFromJson}, {@link InventoryReader#configurationReadFromJson}) by the files' own
 * binding, so there is one definition of the format.
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

    /** A configuration item's {@code read} in its YAML shape: {@code command} and its options, or {@code file}. */
    static String writeRead(ActionSpec read) {
        try {
            return InventoryBinding.json(read);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a configuration read as JSON", e);
        }
    }
}
