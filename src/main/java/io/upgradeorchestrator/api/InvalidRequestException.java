package io.upgradeorchestrator.api;

import java.util.List;

/** Thrown by controllers for input that parsed but breaks the rules; answered as 400 problem+json. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<ApiError> errors;

    public InvalidRequestException(String message, List<ApiError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<ApiError> errors() {
        return errors;
    }
}
