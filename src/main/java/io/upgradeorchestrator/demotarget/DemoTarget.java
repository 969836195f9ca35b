package io.upgradeorchestrator.demotarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import io.upgradeorchestrator.files.SafePaths;

/**
 * The local demo target: one folder per demo node with installed releases and a {@code current} symlink that says
 * which release runs. Lets a newcomer's first run back up, upgrade and roll back something real.
 */
@Service
@EnableConfigurationProperties(DemoTargetProperties.class)
public class DemoTarget {

    private final DemoTargetProperties properties;
    private final Environment environment;

    DemoTarget(DemoTargetProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** The absolute folder of all demo nodes. */
    public Path root() {
        return properties.root().toAbsolutePath().normalize();
    }

    /** The base URL of this application as runbook HTTP checks reach it, without a trailing slash. */
    public String url() {
        if (properties.url() != null && !properties.url().isBlank()) {
            return properties.url().strip().replaceAll("/+$", "");
        }
        // set by Spring Boot once the server listens, also when it was asked for a random port
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port;
    }

    public Path scripts() {
        return properties.scripts().toAbsolutePath().normalize();
    }

    public boolean provisionOnStart() {
        return properties.provision();
    }

    /** The release the node's {@code current} switch points at; empty when there is no such demo node. */
    public Optional<String> runningVersion(String nodeId) {
        if (nodeId == null || !SafePaths.SEGMENT.matcher(nodeId).matches()) {
            return Optional.empty();
        }
        Path current = SafePaths.under(root(), nodeId, "current");
        try {
            if (!Files.isSymbolicLink(current) || !Files.isDirectory(current)) {
                return Optional.empty();
            }
            Path version = Files.readSymbolicLink(current).getFileName();
            return Optional.ofNullable(version).map(Path::toString);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
