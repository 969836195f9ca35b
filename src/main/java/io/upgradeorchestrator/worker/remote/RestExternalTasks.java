package io.upgradeorchestrator.worker.remote;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.upgradeorchestrator.worker.ExternalTaskGateway;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * A remote worker's way to the engine: its REST API ({@code /engine-rest/external-task/…}) with the worker's own
 * account (HTTP Basic). The engine answers a step that is gone with 404, and one locked by someone else or whose
 * lock expired with 400 ({@code BadUserRequestException}): both are {@link StepGoneException}, as in the application.
 */
public class RestExternalTasks implements ExternalTaskGateway {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String engineUrl;
    private final String authorization;
    private final Duration requestTimeout;

    public RestExternalTasks(HttpClient client, String engineUrl, String user, String password,
                             Duration requestTimeout) {
        this.client = client;
        this.engineUrl = engineUrl.replaceAll("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = requestTimeout;
    }

    @Override
    public List<StepTask> fetchAndLock(String workerId, int max, List<String> topics, Duration lockDuration,
                                       String businessKey) {
        ObjectNode body = JSON.createObjectNode().put("workerId", workerId).put("maxTasks", max)
                .put("usePriority", true);
        ArrayNode topicList = body.putArray("topics");
        for (String topic : topics) {
            ObjectNode entry = topicList.addObject().put("topicName", topic).put("lockDuration", lockDuration.toMillis())
                    .put("localVariables", true);
            StepVariables.FETCHED.forEach(entry.putArray("variables")::add);
            if (businessKey != null) {
                entry.put("businessKey", businessKey);
            }
        }
        JsonNode answer = post("/external-task/fetchAndLock", body, null);
        List<StepTask> tasks = new ArrayList<>();
        for (JsonNode task : answer) {
            tasks.add(new StepTask(text(task, "id"), text(task, "topicName"), text(task, "activityId"),
                    text(task, "processInstanceId"), text(task, "businessKey"), variables(task.get("variables")),
                    task.hasNonNull("retries") ? task.get("retries").intValue() : null));
        }
        return tasks;
    }

    /** Locking by id would need to read the step's variables, which a worker account may not: fetch instead. */
    @Override
    public StepTask lock(String externalTaskId, String workerId, Duration lockDuration) {
        throw new UnsupportedOperationException("A remote worker takes steps by fetchAndLock only; locking step "
                + externalTaskId + " by its id is for the application's own worker");
    }

    @Override
    public void complete(StepTask task, String workerId, StepOutcome outcome) {
        ObjectNode body = JSON.createObjectNode().put("workerId", workerId);
        putOutcome(body, outcome);
        post("/external-task/" + id(task) + "/complete", body, task);
    }

    @Override
    public void handleFailure(StepTask task, String workerId, String errorMessage, String errorDetails, int retries,
                              Duration retryTimeout, StepOutcome outcome) {
        ObjectNode body = JSON.createObjectNode().put("workerId", workerId).put("errorMessage", errorMessage)
                .put("errorDetails", errorDetails).put("retries", retries).put("retryTimeout", retryTimeout.toMillis());
        if (outcome != null) {
            putOutcome(body, outcome);
        }
        post("/external-task/" + id(task) + "/failure", body, task);
    }

    /** The outcome as the local variable {@link StepVariables#OUTCOME}: JSON, transient (the orchestrator records it). */
    private static void putOutcome(ObjectNode body, StepOutcome outcome) {
        ObjectNode value = body.putObject("localVariables").putObject(StepVariables.OUTCOME).put("type", "Json")
                .put("value", outcome.toJson());
        value.putObject("valueInfo").put("transient", true);
    }

    @Override
    public void extendLock(StepTask task, String workerId, Duration lockDuration) {
        ObjectNode body = JSON.createObjectNode().put("workerId", workerId).put("newDuration", lockDuration.toMillis());
        post("/external-task/" + id(task) + "/extendLock", body, task);
    }

    @Override
    public void unlock(StepTask task) {
        try {
            post("/external-task/" + id(task) + "/unlock", null, task);
        } catch (StepGoneException gone) {
            // nothing to give back
        }
    }

    private JsonNode post(String path, ObjectNode body, StepTask task) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(engineUrl + path)).timeout(requestTimeout)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("The engine at " + engineUrl + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the engine at " + engineUrl, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body() == null || response.body().isBlank() ? JSON.nullNode() : read(response.body());
        }
        String message = message(response.body());
        String what = task == null ? path : "step " + task.id() + " (" + task.activityId() + ")";
        if (task != null && (status == 404 || status == 400 && gone(message)
                || status == 500 && message.toLowerCase(Locale.ROOT).contains("not found"))) {
            throw new StepGoneException(what + " is gone or no longer locked by this worker: " + message, null);
        }
        if (status == 401) {
            throw new IllegalStateException("The engine at " + engineUrl + " refused the worker's credentials (401):"
                    + " check upgrade-orchestrator.remote-worker.user and its password");
        }
        throw new IllegalStateException("The engine refused " + what + " (" + status + "): " + message);
    }

    /** The engine's words for a step that is not, or no longer, this worker's. */
    private static boolean gone(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("locked by") || text.contains("lock") && text.contains("expired")
                || text.contains("not found") || text.contains("cannot find") || text.contains("does not exist");
    }

    private static String message(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error.hasNonNull("message") ? error.get("message").asText() : body;
        } catch (IOException e) {
            return body == null ? "" : body;
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("The engine answered something that is not JSON: " + body, e);
        }
    }

    private static String id(StepTask task) {
        return URLEncoder.encode(task.id(), StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** The REST form of variables ({@code {"name": {"type": …, "value": …}}}) as plain values. */
    static Map<String, Object> variables(JsonNode variables) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (variables == null) {
            return values;
        }
        variables.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue().get("value");
            Object plain = value == null || value.isNull() ? null
                    : value.isTextual() ? value.asText()
                    : value.isBoolean() ? value.booleanValue()
                    : value.isInt() ? value.intValue()
                    : value.isIntegralNumber() ? value.longValue()
                    : value.isNumber() ? value.doubleValue()
                    : value.toString();
            if (plain != null) {
                values.put(entry.getKey(), plain);
            }
        });
        return values;
    }
}
