package io.upgradeorchestrator.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;

/** The request names the versions a system runs in the product's one version order, not by spelling. */
class RequestVersionsTest {

    @Test
    void currentVersionListsDriftedNodesOldestFirstByVersionNotByString() {
        InventorySystem system = system(node("db-1", "15.10"), node("db-2", "15.5"), node("db-3", "15.10"),
                node("db-4", "16.0-beta"), new Node("db-test", "db-test", "fra", Environment.TEST, "9.0"));

        // as strings "15.10" < "15.5" < "16.0-beta"; as versions 15.5 < 15.10 < 16.0-beta
        assertThat(RequestValidator.currentVersion(system)).isEqualTo("15.5, 15.10, 16.0-beta");
    }

    @Test
    void currentVersionOfASystemWithoutDriftIsItsOneVersion() {
        assertThat(RequestValidator.currentVersion(system(node("a", "2024.03"), node("b", "2024.03"))))
                .isEqualTo("2024.03");
    }

    private static Node node(String id, String version) {
        return new Node(id, id + ".example.org", "fra", Environment.PRODUCTION, version);
    }

    private static InventorySystem system(Node... nodes) {
        return new InventorySystem("db", "DB", 2, "db-owners", List.of(), List.of(), List.of(), null, List.of(),
                List.of(), List.of(), List.of(nodes), List.of(), List.of(), List.of(), List.of(), null);
    }
}
