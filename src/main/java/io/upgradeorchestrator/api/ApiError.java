package io.upgradeorchestrator.api;

/** One problem of a request, by field: {@code {"field": "window.end", "message": "must be after window.start"}}. */
public record ApiError(String field, String message) {
}
