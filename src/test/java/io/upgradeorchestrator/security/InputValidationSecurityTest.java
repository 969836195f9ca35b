package io.upgradeorchestrator.security;

import static io.upgradeorchestrator.testing.Upgrades.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Upgrades;
import io.upgradeorchestrator.upgrade.SystemUpgradeProcess;

/**
 * What an attacker with a demo account tried, through the paths a user meets: over-long texts, versions with shell
 * syntax, ids that are paths, unknown ids, and guessing passwords to lock someone out. Each answers a 4xx that names
 * the problem, never a 500, and nobody is locked out for good.
 */
@ProcessTest
class InputValidationSecurityTest {

    private static final String TOO_LONG = "x".repeat(5000);
    private static final String FITS = "y".repeat(4000);

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @AfterEach
    void resetClock() {
        upgrades.resetClock();
    }

    // --- Over-long text: 400 naming the variable and the limit, on every path ---------------------------------

    @Test
    void shouldAnswerAnOverlongTextInATaskCompletionWith400() {
        Task task = impactReview();

        Http.Reply reply = http.post("olga", "/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\": " + variables("impactNotes", TOO_LONG) + "}");

        assertTooLong(reply, "impactNotes");
        assertThat(openTask(task)).isTrue();
    }

    @Test
    void shouldAnswerAnOverlongTextInASubmittedFormWith400() {
        Task task = impactReview();

        Http.Reply reply = http.post("olga", "/engine-rest/task/" + task.getId() + "/submit-form",
                "{\"variables\": " + variables("impactNotes", TOO_LONG) + "}");

        assertTooLong(reply, "impactNotes");
        assertThat(openTask(task)).isTrue();
    }

    @Test
    void shouldAnswerAnOverlongTextInTasklistsOwnRestApiWith400() throws Exception {
        Task task = impactReview();
        WebappSession tasklist = WebappSession.login(port, "olga", "test-secret");

        HttpResponse<String> reply = tasklist.post("/camunda/api/engine/engine/default/task/" + task.getId()
                + "/submit-form", "{\"variables\": " + variables("impactNotes", TOO_LONG) + "}");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(400);
        assertThat(reply.body()).contains("impactNotes").contains("4000");
        assertThat(openTask(task)).isTrue();
    }

    @Test
    void shouldAnswerAnOverlongTaskOrProcessVariableWith400() {
        Task task = impactReview();

        // a candidate writes task variables only by completing the form; the admin may set them directly
        assertTooLong(http.post("olga", "/engine-rest/task/" + task.getId() + "/submit-form",
                "{\"variables\": " + variables("impactNotes", TOO_LONG) + "}"), "impactNotes");
        assertTooLong(put("admin", "/engine-rest/task/" + task.getId() + "/variables/impactNotes", TOO_LONG),
                "impactNotes");
        assertTooLong(put("admin", "/engine-rest/task/" + task.getId() + "/localVariables/impactNotes", TOO_LONG),
                "impactNotes");
        assertTooLong(put("admin", "/engine-rest/process-instance/" + task.getProcessInstanceId()
                + "/variables/note", TOO_LONG), "note");
        assertTooLong(http.post("admin", "/engine-rest/process-instance/" + task.getProcessInstanceId()
                + "/variables", "{\"modifications\": " + variables("note", TOO_LONG) + "}"), "note");
    }

    @Test
    void shouldAnswerAnOverlongTextAtProcessStartWith400() {
        long before = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(SystemUpgradeProcess.KEY).count();

        Http.Reply reply = http.post("admin", "/engine-rest/process-definition/key/" + SystemUpgradeProcess.KEY
                + "/start", "{\"variables\": " + variables("purpose", TOO_LONG) + "}");

        assertTooLong(reply, "purpose");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(SystemUpgradeProcess.KEY).count()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAnOverlongTextThroughJavaAndKeepTextsUpToTheLimit() {
        Task task = impactReview();
        var tasks = engine.getTaskService();

        assertThatThrownBy(() -> tasks.setVariable(task.getId(), "impactNotes", TOO_LONG))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("'impactNotes'").hasMessageContaining("at most 4000 characters");

        tasks.setVariableLocal(task.getId(), "longestNote", FITS);
        assertThat(tasks.getVariableLocal(task.getId(), "longestNote")).isEqualTo(FITS);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().taskIdIn(task.getId())
                .variableName("longestNote").singleResult().getValue()).isEqualTo(FITS);
        tasks.setVariableLocal(task.getId(), "scratch", org.camunda.bpm.engine.variable.Variables
                .stringValue(TOO_LONG, true)); // transient: never stored, so not limited
    }

    // --- Versions and ids ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"15.5; rm -rf /", "8.2.1 && id", "$(id)", "../../8.2.1", "-rf", "8/2/1"})
    void shouldRefuseATargetVersionThatIsNoVersion(String version) {
        Http.Reply reply = http.post("rita", "/api/upgrades", Http.json(Map.of("systemId", "finance-reports",
                "targetVersion", version, "reason", "PERFORMANCE", "purpose", "cut report generation time",
                "window", Map.of("start", "2027-02-13T06:00:00Z", "end", "2027-02-13T12:00:00Z"))));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors").findValuesAsText("field")).contains("targetVersion");
    }

    /** An encoded '/' or NUL never reaches the application: the web server refuses the request (400). */
    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2Fetc", "UPG-2026-0001%2F..%2F..%2Fx", "%00", "%2Fetc%2Fpasswd", "..%5C..%5Cetc"})
    void shouldRefuseEncodedPathSeparatorsInIds(String id) {
        for (String path : new String[] {"/api/upgrades/" + id, "/api/upgrades/" + id + "/summary",
                "/api/upgrades/" + id + "/record", "/api/systems/" + id}) {
            Http.Reply reply = http.get("rita", path);
            assertThat(reply.status()).as(path).isIn(400, 404);
            assertThat(reply.body()).as(path).doesNotContain("Exception").doesNotContain("root:");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"%2E%2E", "..", "...", "UPG-2026-0001%3B%20drop", "UPG-2026-9999", "%20", "UPG-2026-0001%0A"})
    void shouldAnswerUnknownOrPathLikeUpgradeIdsWith4xx(String id) {
        assertNotFoundOrBadRequest(http.get("rita", "/api/upgrades/" + id));
        assertNotFoundOrBadRequest(http.get("rita", "/api/upgrades/" + id + "/summary"));
        assertNotFoundOrBadRequest(http.get("rita", "/api/upgrades/" + id + "/record"));
        assertNotFoundOrBadRequest(http.post("rita", "/api/upgrades/" + id + "/problems",
                "{\"description\": \"Invoices do not open since this morning\", \"contact\": \"rita@example.org\"}"));
        assertNotFoundOrBadRequest(http.get("rita", "/api/systems/" + id));
    }

    @Test
    void shouldAnswerAnOverlongIdWith4xx() {
        String id = "UPG-2026-" + "9".repeat(5000);

        assertNotFoundOrBadRequest(http.get("rita", "/api/upgrades/" + id));
        assertNotFoundOrBadRequest(http.get("rita", "/api/upgrades/" + id + "/summary"));
        assertNotFoundOrBadRequest(http.get("rita", "/api/upgrades/" + id + "/record"));
        assertNotFoundOrBadRequest(http.post("rita", "/api/upgrades/" + id + "/problems",
                "{\"description\": \"Invoices do not open since this morning\", \"contact\": \"rita@example.org\"}"));
        assertNotFoundOrBadRequest(http.get("rita", "/api/systems/" + id));
        String longName = "z".repeat(3000);
        assertThat(http.get("rita", "/api/upgrades?systemId=" + longName + "&requester=" + longName).status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"max=abc", "max=0", "max=100000", "status=sideways", "max=99999999999999999999"})
    void shouldAnswerBadListParametersWith400(String query) {
        Http.Reply reply = http.get("rita", "/api/upgrades?" + query);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsAnyOf("max", "status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2Fetc", "no-such-node", "x%3Bid"})
    void shouldNotServeTheDemoHealthOfWhatIsNoDemoNode(String node) {
        Http.Reply reply = http.get(null, "/demo-target/nodes/" + node + "/health");

        assertThat(reply.status()).as(reply.body()).isIn(400, 404, 503);
        assertThat(reply.body()).doesNotContain("status=UP");
    }

    // --- No lock-out by strangers ----------------------------------------------------------------------------

    /**
     * The engine throttles a user after each wrong password (3 s, doubling up to 60 s) and, with its default
     * {@code loginMaxAttempts} of 10, locks the account for good. Here every wrong password counts: the engine's
     * clock moves past each delay (the delay is what ClockUtil says, so the test does not wait minutes), then the
     * right password still works.
     */
    @Test
    void shouldThrottleWrongPasswordsButNeverLockTheAccountForGood() {
        IdentityService identity = engine.getIdentityService();
        User user = identity.newUser("guesstarget");
        user.setPassword("the-right-secret-1");
        identity.saveUser(user);
        try {
            for (int attempt = 1; attempt <= 15; attempt++) {
                assertThat(basic("guesstarget", "wrong-" + attempt).statusCode()).isEqualTo(401);
                upgrades.passTime(Duration.ofSeconds(61));
            }
            assertThat(((UserEntity) identity.createUserQuery().userId("guesstarget").singleResult()).getAttempts())
                    .as("every wrong password counted: more than the engine's default of 10").isEqualTo(15);

            assertThat(basic("guesstarget", "wrong-again").statusCode()).isEqualTo(401);
            assertThat(basic("guesstarget", "the-right-secret-1").statusCode())
                    .as("throttled: right after a wrong password even the right one waits").isEqualTo(401);

            upgrades.passTime(Duration.ofSeconds(61));
            assertThat(basic("guesstarget", "the-right-secret-1").statusCode()).isEqualTo(200);
            assertThat(((UserEntity) identity.createUserQuery().userId("guesstarget").singleResult()).getAttempts())
                    .isZero();
        } finally {
            identity.deleteUser("guesstarget");
        }
    }

    @Test
    void shouldKeepTheEnginesThrottlingAndTurnPermanentLockOutOff() {
        var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                engine.getProcessEngineConfiguration();

        assertThat(configuration.getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
        assertThat(configuration.getLoginDelayBase()).isPositive();
        assertThat(configuration.getLoginDelayFactor()).isGreaterThan(1);
        assertThat(configuration.getLoginDelayMaxTime()).isPositive();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private Task impactReview() {
        ProcessInstance upgrade = upgrades.start("rita", Upgrades.request("finance-reports", "8.2.1", "PERFORMANCE"));
        upgrades.runJobs(upgrade);
        return upgrades.task(upgrade, "Task_ReviewBusinessImpact");
    }

    private boolean openTask(Task task) {
        return engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 1
                && engine.getTaskService().getVariable(task.getId(), "impactNotes") == null;
    }

    private static String variables(String name, String value) {
        return "{\"" + name + "\": {\"value\": \"" + value + "\", \"type\": \"String\"}, "
                + "\"businessImpact\": {\"value\": \"LOW\", \"type\": \"String\"}}";
    }

    private static void assertTooLong(Http.Reply reply, String variable) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).contains("'" + variable + "'")
                .contains("at most 4000 characters");
    }

    private static void assertNotFoundOrBadRequest(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isIn(400, 404);
        assertThat(reply.contentType()).as(reply.body()).startsWith("application/problem+json");
    }

    private Http.Reply put(String user, String path, String value) {
        try {
            String password = "admin".equals(user) ? "test-admin-secret" : "test-secret";
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": \"" + value + "\", \"type\": \"String\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> basic(String user, String password) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://localhost:" + port + "/engine-rest/task?maxResults=1"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A logged-in session of the webapps, as Tasklist has one: session cookie plus the CSRF token header. */
    private record WebappSession(HttpClient client, CookieManager cookies, String baseUrl) {

        static WebappSession login(int port, String user, String password) throws Exception {
            CookieManager cookies = new CookieManager();
            HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
            WebappSession session = new WebappSession(client, cookies, "http://localhost:" + port);
            client.send(HttpRequest.newBuilder(URI.create(session.baseUrl + "/camunda/app/tasklist/default/")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(session.baseUrl
                            + "/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-XSRF-TOKEN", session.csrfToken())
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            return session;
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            // the login started a new session: Tasklist fetches its CSRF token with its first call, so do we
            client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/api/admin/auth/user/default")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrfToken())
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrfToken() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).reduce((first, last) -> last).orElse("");
        }
    }
}
