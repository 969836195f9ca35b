package io.upgradeorchestrator.rulechange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.upgradeorchestrator.testing.ProcessTest;

/**
 * The webapps' copy of the engine's REST API ({@code /camunda/api/engine/engine/default/deployment/create}), which
 * Cockpit's session login reaches: the same allow-list and the same pending rule change as {@code /engine-rest}.
 */
@ProcessTest
class WebappsDeploymentTest {

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repositoryService;

    @Test
    void shouldTurnAWebappsDeploymentIntoAPendingRuleChangeAndRefuseScriptsThere() throws Exception {
        Session paula = login("paula");
        String key = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        HttpResponse<String> evil = paula.deploy("evil.bpmn", RuleChangeDeploymentTest.process(key, """
                <bpmn:scriptTask id="Task_RunScript" name="Run script" scriptFormat="groovy"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"""), true);
        assertThat(evil.statusCode()).as(evil.body()).isEqualTo(400);
        assertThat(evil.body()).contains("evil.bpmn: element Task_RunScript: a script task is not allowed");

        HttpResponse<String> withoutToken = paula.deploy(key + ".bpmn", RuleChangeDeploymentTest.process(key, ""), false);
        assertThat(withoutToken.statusCode()).as(withoutToken.body()).isEqualTo(403);

        HttpResponse<String> clean = paula.deploy(key + ".bpmn", RuleChangeDeploymentTest.process(key, ""), true);
        assertThat(clean.statusCode()).as(clean.body()).isEqualTo(202);
        assertThat(clean.body()).contains("\"submittedBy\":\"paula\"");
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    private Session login(String user) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        // the first GET hands out the CSRF token as a cookie
        client.send(HttpRequest.newBuilder(uri("/camunda/app/cockpit/default/")).GET().build(), HttpResponse.BodyHandlers.discarding());
        Session session = new Session(client, cookies);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", session.cookieToken())
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                        + URLEncoder.encode("test-secret", StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        // the login starts a new session; its CSRF token comes with the next read, as in Cockpit
        HttpResponse<Void> read = client.send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/deployment/count"))
                .GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(read.statusCode()).isEqualTo(200);
        session.token = read.headers().firstValue("X-XSRF-TOKEN").orElseGet(session::cookieToken);
        return session;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private final class Session {
        private final HttpClient client;
        private final CookieManager cookies;
        /** The CSRF token of the logged-in session, as the webapps hand it out with a read. */
        String token;

        Session(HttpClient client, CookieManager cookies) {
            this.client = client;
            this.cookies = cookies;
        }

        String cookieToken() {
            return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).reduce((first, last) -> last).orElse("");
        }

        HttpResponse<String> deploy(String fileName, String content, boolean withToken) throws Exception {
            String boundary = "----webapps" + UUID.randomUUID();
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nwebapps\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/deployment/create"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (withToken) {
                request.header("X-XSRF-TOKEN", token);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
