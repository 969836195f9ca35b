package io.upgradeorchestrator.request;

/** One bad field of a request: its JSON path (e.g. {@code window.start}) and what is wrong with it. */
public record FieldProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
