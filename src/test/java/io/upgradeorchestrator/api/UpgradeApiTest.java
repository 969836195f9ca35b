package io.upgradeorchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.request.UpgradeRequest;
import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Smtp;

/** {@code /api/upgrades} and {@code /api/systems}: authentication, validation by field, and what starts. */
@ProcessTest
class UpgradeApiTest {

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @LocalServerPort
    int port;
    @Autowired
    HistoryService historyService;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void shouldRequireAuthenticationOnOurApiAndTheEngineApi() {
        assertThat(http.post(null, "/api/upgrades", "{}").status()).isEqualTo(401);
        assertThat(http.get(null, "/api/systems").status()).isEqualTo(401);
        assertThat(http.get(null, "/engine-rest/task").status()).isEqualTo(401);
        assertThat(http.get("rita", "/api/systems").status()).isEqualTo(200);
    }

    @Test
    void shouldStartAValidRequestAndAnswerWithItsId() {
        Http.Reply reply = http.post("rita", "/api/upgrades", Http.json(validRequest("finance-reports", "8.2.1")));

        assertThat(reply.status()).isEqualTo(201);
        JsonNode upgrade = reply.json();
        assertThat(upgrade.get("id").asText()).matches("UPG-\\d{4}-\\d{4}");
        assertThat(upgrade.get("requester").asText()).isEqualTo("rita");
        assertThat(upgrade.get("phase").asText()).isEqualTo("ASSESS");
        assertThat(upgrade.get("status").asText()).isEqualTo("RUNNING");
        assertThat(upgrade.get("changeType").asText()).isEqualTo("NORMAL");

        Http.Reply status = http.get("rita", "/api/upgrades/" + upgrade.get("id").asText());
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("systemName").asText()).isEqualTo(upgrade.get("systemName").asText());
    }

    @Test
    void shouldNameEveryBadFieldAndStartNothing() {
        long before = historyService.createHistoricProcessInstanceQuery().count();
        Map<String, Object> bad = Map.of("systemId", "no-such-system", "targetVersion", "1.0", "reason", "BECAUSE",
                "purpose", "x", "window", Map.of("start", "2030-01-02T00:00:00Z", "end", "2030-01-01T00:00:00Z"));

        Http.Reply reply = http.post("rita", "/api/upgrades", Http.json(bad));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(fields(reply)).contains("systemId", "reason", "purpose", "window.end");
        assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void shouldRefuseTheCurrentVersionAndAWindowInThePast() {
        Map<String, Object> request = validRequest("finance-reports", "8.2.0");
        request.put("window", Map.of("start", "2020-01-01T00:00:00Z", "end", "2020-01-01T02:00:00Z"));

        Http.Reply reply = http.post("rita", "/api/upgrades", Http.json(request));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactlyInAnyOrder("targetVersion", "window.start", "window.end");
        assertThat(reply.body()).contains("already runs 8.2.0").contains("lies in the past");
    }

    @Test
    void shouldExplainMalformedJsonUnknownFieldsAndWrongTypes() {
        Http.Reply malformed = http.post("rita", "/api/upgrades", "{\"systemId\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(fields(malformed)).containsExactly("body");

        Map<String, Object> unknownField = validRequest("finance-reports", "8.2.1");
        unknownField.put("priority", "urgent");
        Http.Reply unknown = http.post("rita", "/api/upgrades", Http.json(unknownField));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("priority");

        Map<String, Object> wrongType = validRequest("finance-reports", "8.2.1");
        wrongType.put("dataMigration", "perhaps");
        Http.Reply wrong = http.post("rita", "/api/upgrades", Http.json(wrongType));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(fields(wrong)).containsExactly("dataMigration");
    }

    @Test
    void shouldRefuseStartingForUsersWhoAreNotRequesters() {
        Http.Reply reply = http.post("oscar", "/api/upgrades", Http.json(validRequest("finance-reports", "8.2.1")));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void shouldAnswer404ForAnUnknownUpgrade() {
        Http.Reply reply = http.get("rita", "/api/upgrades/UPG-1999-0001");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    // --- a CI job retrying its request ---------------------------------------------------------------------

    @Test
    void shouldStartOneUpgradeHoweverOftenARequestWithTheSameKeyIsRetried() {
        String key = "ci-build-" + System.nanoTime();
        String body = Http.json(validRequest("finance-reports", "8.2.1"));

        Http.Reply first = http.post("rita", "/api/upgrades", body, "Idempotency-Key", key);
        Http.Reply retry = http.post("rita", "/api/upgrades", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        String id = first.json().get("id").asText();
        assertThat(retry.json().get("id").asText()).isEqualTo(id);
        assertThat(retry.header("Location")).isEqualTo("/api/upgrades/" + id);
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("systemUpgrade")
                .processInstanceBusinessKey(id).count()).isEqualTo(1);
    }

    @Test
    void shouldStartOneUpgradeWhenTheSameKeyArrivesSeveralTimesAtOnce() throws Exception {
        String key = "ci-build-" + System.nanoTime();
        String body = Http.json(validRequest("finance-reports", "8.2.1"));
        long before = upgradesStarted();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Http.Reply>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(callers.submit(() -> {
                go.await();
                return http.post("rita", "/api/upgrades", body, "Idempotency-Key", key);
            }));
        }
        go.countDown();
        List<Http.Reply> answers = new java.util.ArrayList<>();
        for (var reply : replies) {
            answers.add(reply.get());
        }
        callers.shutdown();

        // one starts it; the others get it (200) or, while it is still starting, 409 "retry in a few seconds"
        assertThat(answers).extracting(Http.Reply::status).as("bodies: %s", answers)
                .containsOnlyOnce(201).allMatch(status -> status == 201 || status == 200 || status == 409);
        String id = answers.stream().filter(reply -> reply.status() == 201).findFirst().orElseThrow()
                .json().get("id").asText();
        assertThat(answers).filteredOn(reply -> reply.status() == 200)
                .allMatch(reply -> reply.json().get("id").asText().equals(id));
        assertThat(answers).filteredOn(reply -> reply.status() == 409)
                .allMatch(reply -> reply.contentType().startsWith("application/problem+json"));
        Http.Reply retried = http.post("rita", "/api/upgrades", body, "Idempotency-Key", key);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("id").asText()).isEqualTo(id);
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("systemUpgrade")
                .processInstanceBusinessKey(id).count()).isEqualTo(1);
        assertThat(upgradesStarted()).as("upgrades started by the burst and the retry").isEqualTo(before + 1);
    }

    @Test
    void shouldRefuseAKeyReusedForADifferentRequestAndStartNothing() {
        String key = "ci-build-" + System.nanoTime();
        Http.Reply first = http.post("rita", "/api/upgrades", Http.json(validRequest("finance-reports", "8.2.1")),
                "Idempotency-Key", key);
        long before = historyService.createHistoricProcessInstanceQuery().count();

        Http.Reply other = http.post("rita", "/api/upgrades", Http.json(validRequest("billing-portal", "4.9.0")),
                "Idempotency-Key", key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.json().get("detail").asText()).contains(key, first.json().get("id").asText(), "different request");
        assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void shouldKeepEachRequestersKeysApart() {
        String key = "ci-build-" + System.nanoTime();
        String body = Http.json(validRequest("finance-reports", "8.2.1"));

        Http.Reply rita = http.post("rita", "/api/upgrades", body, "Idempotency-Key", key);
        Http.Reply carl = http.post("carl", "/api/upgrades", body, "Idempotency-Key", key);

        assertThat(rita.status()).isEqualTo(201);
        assertThat(carl.status()).isEqualTo(201);
        assertThat(carl.json().get("id").asText()).isNotEqualTo(rita.json().get("id").asText());
    }

    @Test
    void shouldNameAnUnusableKey() {
        long before = historyService.createHistoricProcessInstanceQuery().count();

        Http.Reply reply = http.post("rita", "/api/upgrades", Http.json(validRequest("finance-reports", "8.2.1")),
                "Idempotency-Key", "x".repeat(201));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(fields(reply)).containsExactly("Idempotency-Key");
        assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
    }

    // --- finding upgrades ---------------------------------------------------------------------------------

    @Test
    void shouldListUpgradesBySystemAndStatusNewestFirst() {
        String older = http.post("rita", "/api/upgrades", Http.json(validRequest("finance-reports", "8.2.1"))).json().get("id").asText();
        String newer = http.post("rita", "/api/upgrades", Http.json(validRequest("finance-reports", "8.2.1"))).json().get("id").asText();
        String portal = http.post("rita", "/api/upgrades", Http.json(validRequest("billing-portal", "4.9.0"))).json().get("id").asText();

        Http.Reply running = http.get("rita", "/api/upgrades?systemId=finance-reports&status=running&requester=rita");
        assertThat(running.status()).isEqualTo(200);
        List<String> ids = running.json().findValuesAsText("id");
        assertThat(ids).contains(older, newer).doesNotContain(portal);
        assertThat(ids.indexOf(newer)).isLessThan(ids.indexOf(older));
        assertThat(running.json().findValuesAsText("systemId")).containsOnly("finance-reports");

        assertThat(http.get("rita", "/api/upgrades?systemId=finance-reports&status=ended").json().findValuesAsText("id"))
                .doesNotContain(older, newer);
        assertThat(http.get("rita", "/api/upgrades?max=1").json()).hasSize(1);
    }

    @Test
    void shouldNameBadListCriteria() {
        Http.Reply reply = http.get("rita", "/api/upgrades?status=finished&max=0");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(fields(reply)).containsExactlyInAnyOrder("status", "max");
        assertThat(http.get(null, "/api/upgrades").status()).isEqualTo(401);
    }

    static Map<String, Object> validRequest(String systemId, String targetVersion) {
        UpgradeRequest.Window window = io.upgradeorchestrator.testing.Upgrades.request(systemId, targetVersion, "PERFORMANCE").window();
        Map<String, Object> request = new java.util.HashMap<>();
        request.put("systemId", systemId);
        request.put("targetVersion", targetVersion);
        request.put("reason", "PERFORMANCE");
        request.put("purpose", "cut report generation time for month-end close");
        request.put("window", Map.of("start", window.start(), "end", window.end()));
        request.put("dataMigration", false);
        return request;
    }

    private long upgradesStarted() {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("systemUpgrade").count();
    }

    private static List<String> fields(Http.Reply reply) {
        JsonNode errors = reply.json().get("errors");
        assertThat(errors).as("errors in %s", reply.body()).isNotNull();
        return errors.findValuesAsText("field");
    }
}
