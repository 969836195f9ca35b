package io.upgradeorchestrator.worker.remote;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A remote worker's link to the orchestrator, under {@code upgrade-orchestrator.remote-worker} (what it serves and
 * how: {@code upgrade-orchestrator.worker.*}, zones included).
 *
 * @param engineUrl      the orchestrator's engine REST API, e.g. {@code https://orchestrator.example.org/engine-rest}
 *                       (an engine not named {@code default}: {@code …/engine-rest/engine/<name>})
 * @param user           the worker's account (group {@code step-workers} on the orchestrator)
 * @param password       its password, best from the environment ({@code UPGRADEORCHESTRATOR_REMOTEWORKER_PASSWORD})
 * @param passwordFile   or a file holding it (e.g. a mounted secret); one of the two is required
 * @param dataDirectory  the worker's action journal (H2 file), its copy of the inventory, its final backups
 * @param allowPlainHttp send the password over plain HTTP to another host than this one (off: HTTPS required)
 * @param requestTimeout how long one call to the engine may take
 */
@ConfigurationProperties("upgrade-orchestrator.remote-worker")
public record RemoteWorkerProperties(
        String engineUrl,
        String user,
        String password,
        Path passwordFile,
        @DefaultValue("./worker-data") Path dataDirectory,
        @DefaultValue("false") boolean allowPlainHttp,
        @DefaultValue("30s") Duration requestTimeout) {

    private static final String PREFIX = "upgrade-orchestrator.remote-worker.";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    public RemoteWorkerProperties {
        if (engineUrl == null || engineUrl.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "engine-url is required, e.g."
                    + " https://orchestrator.example.org/engine-rest");
        }
        URI uri = URI.create(engineUrl.strip());
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(PREFIX + "engine-url must be an http(s) URL: " + engineUrl);
        }
        if ("http".equals(uri.getScheme()) && !LOCAL_HOSTS.contains(uri.getHost()) && !allowPlainHttp) {
            throw new IllegalArgumentException(PREFIX + "engine-url " + engineUrl + " is plain HTTP to another host:"
                    + " the worker's password would travel unencrypted. Use https, or set " + PREFIX
                    + "allow-plain-http=true on a network you trust");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "user is required: the worker's account (group step-workers)");
        }
    }

    /** The password from {@code password} or {@code password-file}. */
    public String resolvePassword() {
        if (password != null && !password.isBlank()) {
            return password;
        }
        if (passwordFile != null) {
            try {
                String fromFile = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
                if (!fromFile.isEmpty()) {
                    return fromFile;
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(PREFIX + "password-file " + passwordFile + " cannot be read: " + e, e);
            }
        }
        throw new IllegalArgumentException("The worker's password is missing: set UPGRADEORCHESTRATOR_REMOTEWORKER_PASSWORD"
                + " or " + PREFIX + "password-file");
    }
}
