package io.upgradeorchestrator.security;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Our rules run as task listeners (the requester never approves, form values are checked); the engine wraps
 * their exceptions, which the REST API would answer as 500. This mapper answers them as what they are — 403
 * for a rule about who may act, 400 for a bad value — with the rule's own message, so Tasklist and REST
 * clients show a readable refusal. Everything else goes to Camunda's own handler.
 */
public class EngineRestRuleViolations implements ForcedAutoDiscoverable {

    /**
     * Registered with every Jersey application of the engine: {@code /engine-rest} and the webapps' own copy of
     * it that Tasklist calls ({@code /camunda/api/engine}). Found through
     * {@code META-INF/services/org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable}.
     */
    @Override
    public void configure(FeatureContext context) {
        if (!context.getConfiguration().isRegistered(RuleViolationMapper.class)) {
            context.register(RuleViolationMapper.class);
            context.register(WrappedRuleViolationMapper.class);
        }
    }

    /** The cause our rules threw, when a listener exception carries one; else {@code null}. */
    static Response ruleViolationIn(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause == exception) {
            return null;
        }
        if (cause instanceof AuthorizationException) {
            return ruleViolation(Response.Status.FORBIDDEN, "AuthorizationException", cause.getMessage());
        }
        if (cause instanceof BadUserRequestException) {
            return ruleViolation(Response.Status.BAD_REQUEST, "InvalidRequestException", cause.getMessage());
        }
        return null;
    }

    private static Response ruleViolation(Response.Status status, String type, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new RuleViolation(type, message, status.getStatusCode())).build();
    }

    @Priority(1)
    public static class RuleViolationMapper implements ExceptionMapper<ProcessEngineException> {

        private final ProcessEngineExceptionHandler camundaHandler = new ProcessEngineExceptionHandler();

        @Override
        public Response toResponse(ProcessEngineException exception) {
            Response violation = ruleViolationIn(exception);
            return violation != null ? violation : camundaHandler.toResponse(exception);
        }
    }

    /** The same for resources that wrap engine exceptions (e.g. "Cannot submit task form …"). */
    @Priority(1)
    public static class WrappedRuleViolationMapper implements ExceptionMapper<RestException> {

        private final RestExceptionHandler camundaHandler = new RestExceptionHandler();

        @Override
        public Response toResponse(RestException exception) {
            Response violation = ruleViolationIn(exception);
            return violation != null ? violation : camundaHandler.toResponse(exception);
        }
    }

    /** The shape of Camunda's own error body ({@code type}, {@code message}), which Tasklist displays. */
    public record RuleViolation(String type, String message, int code) {
    }
}
