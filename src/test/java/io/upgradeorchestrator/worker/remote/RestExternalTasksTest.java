package io.upgradeorchestrator.worker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.upgradeorchestrator.worker.ExternalTaskGateway.StepGoneException;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * The REST gateway against a stand-in for /engine-rest that answers as Camunda 7.24 does: what it sends (HTTP Basic,
 * the topics with their variables, the outcome as a local Json variable) and how it reads the engine's refusals.
 */
class RestExternalTasksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final Map<String, String> requests = new ConcurrentHashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final Map<String, Object[]> answers = new ConcurrentHashMap<>();
    private RestExternalTasks gateway;

    @BeforeEach
    void startEngineStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/engine-rest/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.put(path, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Object[] answer = answers.getOrDefault(path, new Object[] {204, ""});
            byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders((int) answer[0], body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        gateway = new RestExternalTasks(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.getAddress().getPort()
                + "/engine-rest/", "workerfra", "s3cret", Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void shouldFetchTheZonesTopicsWithTheStepVariablesAsTheWorkersAccount() throws Exception {
        answers.put("/engine-rest/external-task/fetchAndLock", new Object[] {200, """
                [{"id": "t1", "topicName": "runbook.upgrade.fra", "activityId": "Task_UpgradeNode",
                  "processInstanceId": "p1", "businessKey": "UPG-2026-0001", "retries": null,
                  "variables": {"stepInput": {"type": "String", "valueInfo": {}, "value":
                    "{\\"upgradeId\\": \\"UPG-2026-0001\\", \\"systemId\\": \\"billing\\", \\"nodeId\\": \\"fra-1\\", \\"maxParallelNodes\\": 2}"}}}]"""});

        List<StepTask> tasks = gateway.fetchAndLock("remote-fra", 5, List.of("runbook.upgrade.fra"),
                Duration.ofMinutes(2), null);

        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.id()).isEqualTo("t1");
            assertThat(task.topic()).isEqualTo("runbook.upgrade.fra");
            assertThat(task.input().nodeId()).isEqualTo("fra-1");
            assertThat(task.input().maxParallelNodes()).isEqualTo(2);
            assertThat(task.retries()).isNull();
        });
        JsonNode sent = JSON.readTree(requests.get("/engine-rest/external-task/fetchAndLock"));
        assertThat(sent.get("workerId").asText()).isEqualTo("remote-fra");
        assertThat(sent.get("maxTasks").asInt()).isEqualTo(5);
        JsonNode topic = sent.get("topics").get(0);
        assertThat(topic.get("topicName").asText()).isEqualTo("runbook.upgrade.fra");
        assertThat(topic.get("lockDuration").asLong()).isEqualTo(120_000);
        assertThat(topic.get("variables")).extracting(JsonNode::asText).containsExactly(StepVariables.INPUT);
        assertThat(topic.get("localVariables").asBoolean()).as("the step's own input, not its scopes'").isTrue();
        assertThat(authorizations.get("/engine-rest/external-task/fetchAndLock"))
                .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("workerfra:s3cret".getBytes()));
    }

    @Test
    void shouldCompleteWithTheOutcomeAsALocalJsonVariableOnly() throws Exception {
        gateway.complete(task(), "remote-fra", StepOutcome.of("upgrade", "fra-1", "UPGRADED", "upgraded"));

        JsonNode sent = JSON.readTree(requests.get("/engine-rest/external-task/t1/complete"));
        assertThat(sent.has("variables")).isFalse();
        JsonNode outcome = sent.get("localVariables").get(StepVariables.OUTCOME);
        assertThat(outcome.get("type").asText()).isEqualTo("Json");
        assertThat(StepOutcome.fromJson(outcome.get("value").asText()).nodeStatus()).isEqualTo("UPGRADED");
        assertThat(outcome.get("valueInfo").get("transient").asBoolean()).as("recorded by the orchestrator, not stored")
                .isTrue();
    }

    @Test
    void shouldTakeTheEnginesGoneAndLockOwnerRefusalsAsAGoneStep() {
        answers.put("/engine-rest/external-task/t1/extendLock", new Object[] {404,
                "{\"type\":\"NotFoundException\",\"message\":\"Cannot find external task with id t1\"}"});
        answers.put("/engine-rest/external-task/t1/complete", new Object[] {400,
                "{\"type\":\"BadUserRequestException\",\"message\":\"External Task t1 cannot be completed by worker"
                        + " 'remote-fra'. It is locked by worker 'other'.\"}"});
        answers.put("/engine-rest/external-task/t1/failure", new Object[] {403,
                "{\"type\":\"AuthorizationException\",\"message\":\"not allowed\"}"});
        answers.put("/engine-rest/external-task/fetchAndLock", new Object[] {404,
                "{\"type\":\"RestException\",\"message\":\"Process engine default not available\"}"});

        assertThatThrownBy(() -> gateway.extendLock(task(), "remote-fra", Duration.ofMinutes(1)))
                .isInstanceOf(StepGoneException.class).hasMessageContaining("Cannot find external task");
        assertThatThrownBy(() -> gateway.complete(task(), "remote-fra", StepOutcome.of("upgrade", "fra-1", null, null)))
                .isInstanceOf(StepGoneException.class).hasMessageContaining("locked by worker 'other'");
        assertThatThrownBy(() -> gateway.handleFailure(task(), "remote-fra", "timed out", "details", 2,
                Duration.ofMinutes(5), null))
                .isNotInstanceOf(StepGoneException.class).hasMessageContaining("(403): not allowed");
        assertThatThrownBy(() -> gateway.fetchAndLock("remote-fra", 1, List.of("runbook.backup.fra"),
                Duration.ofMinutes(1), null))
                .as("a missing engine is not a gone step").isNotInstanceOf(StepGoneException.class)
                .hasMessageContaining("Process engine default not available");
    }

    @Test
    void shouldSayWhenTheEngineRefusesTheWorkersCredentials() {
        answers.put("/engine-rest/external-task/fetchAndLock", new Object[] {401, ""});

        assertThatThrownBy(() -> gateway.fetchAndLock("remote-fra", 1, List.of("runbook.backup.fra"),
                Duration.ofMinutes(1), null)).hasMessageContaining("refused the worker's credentials (401)");
    }

    @Test
    void shouldRefuseToSendThePasswordOverPlainHttpToAnotherHost() {
        assertThatThrownBy(() -> new RemoteWorkerProperties("http://orchestrator.example.org/engine-rest", "workerfra",
                null, null, null, false, Duration.ofSeconds(30)))
                .hasMessageContaining("plain HTTP to another host");
        assertThat(new RemoteWorkerProperties("https://orchestrator.example.org/engine-rest", "workerfra", null, null,
                null, false, Duration.ofSeconds(30)).engineUrl()).startsWith("https://");
        assertThatThrownBy(() -> new RemoteWorkerProperties("https://orchestrator.example.org/engine-rest",
                "workerfra", null, null, null, false, Duration.ofSeconds(30)).resolvePassword())
                .hasMessageContaining("UPGRADEORCHESTRATOR_REMOTEWORKER_PASSWORD");
    }

    private static StepTask task() {
        return new StepTask("t1", "runbook.upgrade.fra", "Task_UpgradeNode", "p1", "UPG-2026-0001", Map.of(), null);
    }
}
