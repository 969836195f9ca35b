package io.upgradeorchestrator.inventory;

import java.util.List;

/**
 * The inventory files cannot be used. Carries every problem found in every file, so that one start attempt shows
 * the whole list instead of one error per restart.
 */
public class InventoryValidationException extends RuntimeException {

    private final List<String> errors;

    InventoryValidationException(String location, List<String> errors) {
        super(message(location, errors));
        this.errors = List.copyOf(errors);
    }

    /** Each problem as "file: entry: field ... what is wrong". */
    public List<String> errors() {
        return errors;
    }

    private static String message(String location, List<String> errors) {
        StringBuilder message = new StringBuilder("Inventory at '").append(location).append("' is invalid (")
                .append(errors.size()).append(errors.size() == 1 ? " error):" : " errors):");
        errors.forEach(error -> message.append(System.lineSeparator()).append("  - ").append(error));
        return message.toString();
    }
}
