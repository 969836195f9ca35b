package io.upgradeorchestrator.demotarget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;

import io.upgradeorchestrator.testing.ProcessTest;

/** The demo nodes' health endpoint: no login, answers with the release the "current" switch points at. */
@ProcessTest
class DemoTargetHealthTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    DemoTarget demoTarget;
    @Autowired
    DemoTargetProvisioner provisioner;

    @BeforeEach
    void freshDemoTarget() {
        FileSystemUtils.deleteRecursively(demoTarget.root().toFile());
        provisioner.provisionAll();
    }

    @Test
    void answersWithTheRunningVersionWithoutAuthentication() throws IOException {
        ResponseEntity<String> health = http.getForEntity("/demo-target/nodes/billing-db-ber-1/health", String.class);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("version=15.5");

        Path node = demoTarget.root().resolve("billing-db-ber-1");
        Files.createDirectories(node.resolve("releases/15.7"));
        Files.delete(node.resolve("current"));
        Files.createSymbolicLink(node.resolve("current"), Path.of("releases/15.7"));
        assertThat(http.getForObject("/demo-target/nodes/billing-db-ber-1/health", String.class)).contains("version=15.7");
    }

    @Test
    void isDownForUnknownOrSwitchedOffNodes() throws IOException {
        assertThat(http.getForEntity("/demo-target/nodes/no-such-node/health", String.class).getStatusCode().value())
                .isEqualTo(503);
        Files.delete(demoTarget.root().resolve("billing-db-ber-1/current"));
        assertThat(http.getForEntity("/demo-target/nodes/billing-db-ber-1/health", String.class).getStatusCode().value())
                .isEqualTo(503);
    }

    @Test
    void usesTheActualPortOfThisApplication() {
        assertThat(demoTarget.url()).matches("http://localhost:\\d+").doesNotEndWith(":0");
        assertThat(demoTarget.root().toString()).contains("target");
    }
}
