package io.upgradeorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpCheckTest extends ActionTestSupport {

    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            sleep(60); // so the measured latency has something to measure
            answer(exchange, 200, "{\"status\":\"UP\",\"version\":\"16.4\"}");
        });
        server.createContext("/maintenance", exchange -> answer(exchange, 503, "Down for maintenance"));
        server.createContext("/slow", exchange -> {
            sleep(1500);
            answer(exchange, 200, "late");
        });
        server.setExecutor(Executors.newCachedThreadPool()); // a slow answer must not hold up the others
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void expectedStatusAndMatchingBodySucceedAndLatencyIsMeasured() {
        ActionResult result = run("health", HttpCheckSpec.get(base + "/health", 200, "\"version\":\"16\\.4\""));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        assertThat(result.output()).contains("\"status\":\"UP\"");
        assertThat(result.summary()).startsWith("`GET " + base + "/health` on db-test-1 answered 200 after ");
        assertThat(runs.findByIdempotencyKey(result.idempotencyKey()).orElseThrow().durationMs()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void placeholdersInTheUrlAreEncoded() {
        ActionResult result = run("health", HttpCheckSpec.get(base + "/health?version={targetVersion}&node={node}", 200, null));

        assertThat(result.description()).isEqualTo("GET " + base + "/health?version=16.4&node=db-test-1");
    }

    @Test
    void wrongStatusIsAFailedAnswer() {
        ActionResult result = run("health", HttpCheckSpec.get(base + "/maintenance", 200, null));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.summary()).contains("answered 503 (expected 200)").endsWith(": Down for maintenance");
    }

    @Test
    void bodyNotMatchingIsAFailedAnswer() {
        ActionResult result = run("health", HttpCheckSpec.get(base + "/health", 200, "\"version\":\"17\\.0\""));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.summary()).contains("answered 200", "body does not match /\"version\":\"17\\.0\"/");
    }

    @Test
    void unreachableUrlIsAnError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ActionResult result = run("health", HttpCheckSpec.get("http://127.0.0.1:" + closedPort + "/health", 200, null));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.ERROR);
        assertThat(result.httpStatus()).isNull();
        assertThat(result.summary()).contains("could not connect to 127.0.0.1:" + closedPort, "ConnectException");
    }

    @Test
    void noAnswerInTimeIsAnError() {
        ActionResult result = run("health", new HttpCheckSpec("GET", base + "/slow", 200, null, Duration.ofMillis(300)));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.ERROR);
        assertThat(result.summary()).contains("got no answer within 300 ms");
    }

    @Test
    void invalidUrlIsRejected() {
        assertThatThrownBy(() -> run("health", HttpCheckSpec.get("ftp://example.org/x", 200, null)))
                .isInstanceOf(InvalidActionException.class).hasMessageContaining("not http or https");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
