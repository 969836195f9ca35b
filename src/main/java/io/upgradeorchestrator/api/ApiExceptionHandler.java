package io.upgradeorchestrator.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of our API as {@code application/problem+json}: bad input names each bad field, so a CI job
 * that posts a request can fix it without reading logs.
 */
@RestControllerAdvice(basePackages = "io.upgradeorchestrator")
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Boot's generic problem-details handler
class ApiExceptionHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException exception) {
        return badRequest(exception.getMessage(), exception.errors());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException exception) {
        Throwable cause = exception.getCause();
        if (cause instanceof JsonParseException parse) {
            return badRequest("The body is not valid JSON", List.of(new ApiError("body",
                    "malformed JSON at line " + parse.getLocation().getLineNr() + ", column "
                            + parse.getLocation().getColumnNr() + ": " + parse.getOriginalMessage())));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return badRequest("The body has a field this API does not know", List.of(new ApiError(path(unknown),
                    "unknown field; known fields: " + unknown.getKnownPropertyIds().stream().map(String::valueOf)
                            .sorted().collect(Collectors.joining(", ")))));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return badRequest("A field has a value of the wrong type", List.of(new ApiError(path(mismatch),
                    "expected " + describe(mismatch.getTargetType()))));
        }
        return badRequest("The body is missing or not readable as JSON", List.of(new ApiError("body",
                "send a JSON object with Content-Type application/json")));
    }

    /** A query or path parameter that does not convert, e.g. {@code ?max=abc}: named like a body field. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongParameterType(MethodArgumentTypeMismatchException exception) {
        return badRequest("A parameter has a value of the wrong type", List.of(new ApiError(exception.getName(),
                "expected " + describe(exception.getRequiredType()))));
    }

    /** The engine refused a value (e.g. a text longer than it stores): the client's to fix, with the engine's reason. */
    @ExceptionHandler(BadUserRequestException.class)
    ProblemDetail refusedByEngine(BadUserRequestException exception) {
        return badRequest(exception.getMessage(), List.of());
    }

    @ExceptionHandler(AuthorizationException.class)
    ProblemDetail forbidden(AuthorizationException exception) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, exception.getMessage());
        problem.setTitle("Not allowed");
        return problem;
    }

    private static ProblemDetail badRequest(String detail, List<ApiError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return problem;
    }

    private static String path(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        return type.isRecord() ? "an object" : type.getSimpleName();
    }
}
