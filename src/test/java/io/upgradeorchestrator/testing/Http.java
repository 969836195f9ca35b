package io.upgradeorchestrator.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain HTTP client for tests that call the running application as a given user (HTTP Basic). */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;

    public Http(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public record Reply(int status, String contentType, String body, java.util.Map<String, java.util.List<String>> headers) {

        public Reply(int status, String contentType, String body) {
            this(status, contentType, body, java.util.Map.of());
        }

        /** The first value of a response header, or {@code null}. */
        public String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .flatMap(header -> header.getValue().stream()).findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    public Reply get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Reply get(String user, String path, String accept) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", accept).GET());
    }

    public Reply post(String user, String path, String jsonBody) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /** A POST with extra request headers, given as name, value, name, value … */
    public Reply post(String user, String path, String jsonBody, String... headers) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json").headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Reply put(String user, String path, String jsonBody) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Reply delete(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    /**
     * A {@code multipart/form-data} POST as Camunda Modeler sends a deployment: text fields, then files (file name
     * → content), each in the given order.
     */
    public Reply postMultipart(String user, String path, java.util.Map<String, String> fields,
                               java.util.Map<String, String> files, String... headers) {
        String boundary = "----upgradeorchestrator" + java.util.UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        files.forEach((name, content) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"; filename=\"").append(name)
                .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n").append(content).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(user, request);
    }

    private Reply send(String user, HttpRequest.Builder request) {
        if (user != null) {
            String password = "admin".equals(user) ? "test-admin-secret" : "test-secret";
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (Exception e) {
            throw new AssertionError("HTTP call failed: " + e.getMessage(), e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
