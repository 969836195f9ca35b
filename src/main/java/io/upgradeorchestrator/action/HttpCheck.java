package io.upgradeorchestrator.action;

import static io.upgradeorchestrator.action.Execution.human;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** Runs an {@link HttpCheckSpec}: status and body decide; the time to the whole answer is the latency. */
final class HttpCheck {

    private final HttpClient client;
    private final int maxOutputBytes;
    private final Duration defaultTimeout;

    HttpCheck(HttpClient client, int maxOutputBytes, Duration defaultTimeout) {
        this.client = client;
        this.maxOutputBytes = maxOutputBytes;
        this.defaultTimeout = defaultTimeout;
    }

    static URI validUri(String url) {
        try {
            URI uri = URI.create(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new InvalidActionException("HTTP check URL '" + url + "' is not http or https");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidActionException("HTTP check URL '" + url + "' is not valid: " + e.getMessage());
        }
    }

    Execution execute(HttpCheckSpec spec) {
        Duration timeout = spec.timeout() != null ? spec.timeout() : defaultTimeout;
        URI uri = validUri(spec.url());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(spec.method(), HttpRequest.BodyPublishers.noBody()).build();
        long start = System.nanoTime();
        // sendAsync + get(timeout) bounds the whole exchange, body included, not just the wait for headers
        CompletableFuture<HttpResponse<BoundedOutput>> exchange =
                client.sendAsync(request, info -> new BoundedBody(new BoundedOutput(maxOutputBytes)));
        HttpResponse<BoundedOutput> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return Execution.error(since(start), "got no answer within " + human(timeout), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String what = cause instanceof ConnectException ? "could not connect to " + hostAndPort(uri)
                    : cause instanceof HttpTimeoutException ? "got no answer within " + human(timeout)
                    : "failed";
            return Execution.error(since(start), what, explain(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            return Execution.error(since(start), "was interrupted", null);
        }
        Duration latency = since(start);
        BoundedOutput body = response.body();
        int status = response.statusCode();
        String snippet = snippet(body.text());
        ActionOutcome outcome;
        String what;
        if (status != spec.expectedStatus()) {
            outcome = ActionOutcome.FAILED;
            what = "answered " + status + " (expected " + spec.expectedStatus() + ") after " + human(latency);
        } else if (spec.bodyPattern() != null && !Pattern.compile(spec.bodyPattern()).matcher(body.text()).find()) {
            outcome = ActionOutcome.FAILED;
            what = "answered " + status + " after " + human(latency) + " but the body does not match /"
                    + spec.bodyPattern() + "/";
        } else {
            outcome = ActionOutcome.SUCCEEDED;
            what = "answered " + status + " after " + human(latency);
        }
        return new Execution(outcome, null, status, latency, what, outcome == ActionOutcome.SUCCEEDED ? null : snippet,
                body.text(), body.omittedBytes(), body.omittedLines(), Map.of());
    }

    private static String hostAndPort(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String snippet(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.isEmpty() ? null : oneLine.substring(0, Math.min(200, oneLine.length()));
    }

    /** The JDK's connection errors often carry no message of their own; name the type and the first message found. */
    static String explain(Throwable error) {
        String message = null;
        for (Throwable t = error; t != null && message == null; t = t.getCause()) {
            message = t.getMessage();
        }
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Collects the body into a {@link BoundedOutput}, so a huge answer costs a fixed amount of memory. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<BoundedOutput> {

        private final BoundedOutput output;
        private final CompletableFuture<BoundedOutput> body = new CompletableFuture<>();

        BoundedBody(BoundedOutput output) {
            this.output = output;
        }

        @Override
        public CompletionStage<BoundedOutput> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                output.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(output);
        }
    }
}
