package io.upgradeorchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

import io.upgradeorchestrator.action.CommandSpec;
import io.upgradeorchestrator.action.FileReadSpec;

/** A configuration item's {@code read:}: a file or a command, checked on load and stored in the same shape. */
class ConfigurationItemReadTest {

    private final InventoryReader reader = new InventoryReader();

    @Test
    void everyConfigurationItemOfTheDemoSystemsSaysHowItIsRead() {
        for (InventorySystem system : InventoryReaderTest.demoInventory()) {
            assertThat(system.configurationItems()).as(system.id()).isNotEmpty()
                    .allMatch(item -> item.read() != null);
        }
    }

    @Test
    void readsAFileOrACommandAndStoresEachAsItWasDeclared() {
        List<ConfigurationItem> items = read("""
                      - name: Settings
                        kind: settings
                        location: settings.properties
                        read:
                          file: "${demoTargetRoot}/{node}/config/settings.properties"
                      - name: Release link
                        kind: release switch
                        location: current
                        read:
                          command: [bash, show-config.sh, "{node}", release-link]
                          timeout: PT1M
                      - name: Certificate
                        kind: certificate
                        location: vault
                """).configurationItems();

        assertThat(items.get(0).read()).isEqualTo(new FileReadSpec("${demoTargetRoot}/{node}/config/settings.properties"));
        CommandSpec command = (CommandSpec) items.get(1).read();
        assertThat(command.command()).containsExactly("bash", "show-config.sh", "{node}", "release-link");
        assertThat(command.timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(items.get(2).read()).isNull();
        for (ConfigurationItem item : items.subList(0, 2)) {
            assertThat(InventoryReader.configurationReadFromJson(RunbookJson.writeRead(item.read())))
                    .isEqualTo(item.read());
        }
    }

    /** What the inventory table stores is what a file may say: the schema accepts it in place of the read. */
    @Test
    void aStoredReadHasTheShapeOfTheFile() throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        JsonNode demo = yaml.readTree(Path.of("inventory", "demo-inventory.yaml").toFile());
        List<InventorySystem> systems = InventoryReaderTest.demoInventory();
        for (int i = 0; i < systems.size(); i++) {
            List<ConfigurationItem> items = systems.get(i).configurationItems();
            for (int j = 0; j < items.size(); j++) {
                ((ObjectNode) demo.path("systems").get(i).path("configurationItems").get(j))
                        .set("read", yaml.readTree(RunbookJson.writeRead(items.get(j).read())));
            }
        }

        assertThat(InventorySchema.get().check(demo)).isEmpty();
    }

    @Test
    void aBadReadStopsLoadingNamingFileEntryAndField() {
        InventoryValidationException e = assertThrows(InventoryValidationException.class, () -> read("""
                      - name: Both
                        kind: settings
                        location: x
                        read:
                          file: /etc/x
                          command: [cat, /etc/x]
                      - name: Options of a file
                        kind: settings
                        location: x
                        read:
                          file: /etc/x
                          timeout: PT1M
                      - name: Unknown placeholder
                        kind: settings
                        location: x
                        read:
                          file: "/etc/{password}"
                      - name: Shell string
                        kind: settings
                        location: x
                        read: "cat /etc/x"
                      - name: Typo
                        kind: settings
                        location: x
                        read:
                          fiel: /etc/x
                """));

        // the schema's checks come first, then the placeholders
        assertThat(e.errors()).hasSize(6);
        assertThat(e.errors().subList(0, 5)).containsExactly(
                "items.yaml: systems[0].configurationItems[0].read: needs only one of command, file; given: command,"
                        + " file",
                "items.yaml: systems[0].configurationItems[1].read: field 'timeout' is allowed only together with"
                        + " command",
                "items.yaml: systems[0].configurationItems[3] (Shell string): field 'read' must be a mapping of"
                        + " fields, got 'cat /etc/x'",
                "items.yaml: systems[0].configurationItems[4].read: unknown field 'fiel'; allowed fields: command,"
                        + " workingDirectory, timeout, expectedExitCodes, file",
                "items.yaml: systems[0].configurationItems[4].read: needs one of command, file");
        assertThat(e.errors().get(5)).startsWith("items.yaml: systems[0].configurationItems[2].read: field 'file':"
                + " unknown placeholder {password}");
    }

    private InventorySystem read(String items) {
        String yaml = """
                systems:
                  - id: app
                    name: App
                    tier: 3
                    ownerGroup: owners
                    sla: {availabilityPercent: 99, maxOutageMinutes: 60, supportHours: office}
                    nodes:
                      - {id: app-1, host: app-1.example.org, site: Frankfurt, environment: PRODUCTION, version: "1.0"}
                    configurationItems:
                """ + items;
        var resource = new ByteArrayResource(yaml.getBytes()) {
            @Override
            public String getFilename() {
                return "items.yaml";
            }
        };
        return reader.read("inline", List.of(resource)).get(0);
    }
}
