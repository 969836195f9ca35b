package io.upgradeorchestrator.testing;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A person logged in to the webapps (Tasklist, Cockpit) as a browser would be: session cookie and the webapps'
 * CSRF token. Calls Tasklist's own copy of the engine's REST API ({@code /camunda/api/engine/engine/default/…}).
 */
public final class WebappSession {

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final String baseUrl;
    private String csrfToken;

    private WebappSession(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public static WebappSession login(int port, String user, String password) {
        WebappSession session = new WebappSession(port);
        session.csrfToken = session.send(HttpRequest.newBuilder(URI.create(session.baseUrl + "/camunda/app/tasklist/"))
                .GET()).headers().firstValue("X-XSRF-TOKEN").orElseThrow(() -> new AssertionError("No CSRF token"));
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(session.baseUrl
                        + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", session.csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (login.statusCode() != 200) {
            throw new AssertionError("Login of " + user + " failed: " + login.statusCode() + " " + login.body());
        }
        login.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> session.csrfToken = token);
        return session;
    }

    /** A POST with a JSON body to Tasklist's engine API, e.g. {@code task/<id>/submit-form}. */
    public Http.Reply postToEngine(String path, String jsonBody) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl
                        + "/camunda/api/engine/engine/default/" + path))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
        return new Http.Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers().map());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("HTTP call failed: " + e.getMessage(), e);
        }
    }
}
