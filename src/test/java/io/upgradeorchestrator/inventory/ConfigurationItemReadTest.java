package io.upgradeorchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

        assertThat(e.errors()).containsExactly(
                "items.yaml: systems[0].configurationItems[0].read: needs either 'command' or 'file', not both",
                "items.yaml: systems[0].configurationItems[1].read: field(s) [timeout] belong to a 'command', not to"
                        + " a 'file'",
                "items.yaml: systems[0].configurationItems[2].read: field 'file': " + e.errors().get(2)
                        .substring(e.errors().get(2).indexOf("field 'file': ") + "field 'file': ".length()),
                "items.yaml: systems[0].configurationItems[3] (Shell string): field 'read' must be a mapping of"
                        + " fields, got 'cat /etc/x'",
                "items.yaml: systems[0].configurationItems[4].read: unknown field 'fiel'; allowed fields: command,"
                        + " workingDirectory, timeout, expectedExitCodes, file",
                "items.yaml: systems[0].configurationItems[4].read: needs either 'command' or 'file', not both");
        assertThat(e.errors().get(2)).contains("{password}");
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
