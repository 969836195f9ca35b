package io.upgradeorchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;

import io.upgradeorchestrator.action.HttpCheckSpec;
import io.upgradeorchestrator.action.LogPattern;
import io.upgradeorchestrator.action.SqlCheckSpec;

/** The published schema: one file, in step with the records, and what the reader makes of its violations. */
class InventorySchemaTest {

    private static final Path PUBLISHED = Path.of("inventory", "inventory.schema.json");

    @Test
    void theReaderChecksWithThePublishedFile() throws IOException {
        try (InputStream onClasspath = InventorySchema.class.getResourceAsStream("inventory.schema.json")) {
            assertThat(onClasspath).isNotNull();
            assertThat(onClasspath.readAllBytes()).isEqualTo(Files.readAllBytes(PUBLISHED));
        }
    }

    @Test
    void theDemoInventoryNamesTheSchemaForEditors() throws IOException {
        String firstLine = Files.readAllLines(Path.of("inventory", "demo-inventory.yaml")).get(0);

        assertThat(firstLine).isEqualTo("# yaml-language-server: $schema=./inventory.schema.json");
    }

    static Stream<Arguments> definitionsAndRecords() {
        return Stream.of(
                Arguments.of("system", InventorySystem.class), Arguments.of("peakPeriod", PeakPeriod.class),
                Arguments.of("sla", Sla.class), Arguments.of("onCallRole", OnCallRole.class),
                Arguments.of("node", Node.class), Arguments.of("component", Component.class),
                Arguments.of("dependency", Dependency.class),
                Arguments.of("configurationItem", ConfigurationItem.class),
                Arguments.of("release", Release.class), Arguments.of("requirement", Release.Requirement.class),
                Arguments.of("runbook", Runbook.class), Arguments.of("estimates", Runbook.Estimates.class),
                Arguments.of("httpCheck", HttpCheckSpec.class), Arguments.of("sqlCheck", SqlCheckSpec.class),
                Arguments.of("logPattern", LogPattern.class));
    }

    /** A field added to a record and not to the schema (or the other way round) would be refused or lost. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("definitionsAndRecords")
    void eachDefinitionHasTheFieldsOfItsRecord(String definition, Class<? extends Record> record) throws IOException {
        List<String> fields = new ArrayList<>();
        schema().path("definitions").path(definition).path("properties").fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsExactlyElementsOf(
                Arrays.stream(record.getRecordComponents()).map(component -> component.getName()).toList());
    }

    @Test
    void theSchemaAllowsTheValuesOfTheEnums() throws IOException {
        JsonNode definitions = schema().path("definitions");

        assertThat(names(definitions.path("environment"))).containsExactlyElementsOf(names(Environment.values()));
        assertThat(names(definitions.path("area"))).containsExactlyElementsOf(names(Area.values()));
        assertThat(names(definitions.path("dayOfWeek"))).containsExactlyElementsOf(names(DayOfWeek.values()));
        assertThat(names(definitions.path("acceptanceCheck").path("properties").path("priority")))
                .containsExactlyElementsOf(names(Runbook.Priority.values()));
    }

    @Test
    void readsTheInventoriesOfTheFleetAndWorkerTests() {
        for (String folder : List.of("classpath:inventory-fleet/", "classpath:inventory-crash/")) {
            assertThat(new InventoryReader().read(folder, InventoryFiles.find(folder, new DefaultResourceLoader())))
                    .as(folder).isNotEmpty().allSatisfy(system -> assertThat(system.runbook()).isNotNull());
        }
    }

    @Test
    void aStoredRunbookHasTheShapeOfTheFile() throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        JsonNode demo = yaml.readTree(Path.of("inventory", "demo-inventory.yaml").toFile());
        List<InventorySystem> systems = InventoryReaderTest.demoInventory();
        for (int i = 0; i < systems.size(); i++) {
            ((ObjectNode) demo.path("systems").get(i))
                    .set("runbook", yaml.readTree(RunbookJson.write(systems.get(i).runbook())));
        }

        assertThat(InventorySchema.get().check(demo)).isEmpty();
    }

    private static final String SYSTEM = """
            systems:
              - id: app
                name: App
                tier: 3
                ownerGroup: app-owners
                sla: {availabilityPercent: 99, maxOutageMinutes: 60, supportHours: office}
                nodes:
                  - {id: app-1, host: app-1.example.org, site: Berlin, environment: production, version: 1.10}
                releases:
                  - {version: "2.0", releaseNotesUrl: %s}
                runbook:
                  backup: {command: [backup, "{node}"], estimate: PT5M}
                  verifyBackup: {command: [verify], estimate: PT1M}
                  restore: {command: [restore], estimate: PT5M}
                  verifyRestore: {command: [verify-restore], estimate: PT1M}
                  upgrade: {command: [install, "{targetVersion}"], estimate: PT20M}
                  rollback: {command: [rollback], estimate: PT15M}
                  healthCheck: {http: {url: "https://{host}/health", bodyPattern: "%s"}, estimate: %s}
                  estimates: {preparation: PT15M, verification: PT30M, repairBuffer: PT30M, rollbackDecision: PT10M}
            """;

    @Test
    void bindsWhatTheSchemaAccepts() {
        InventorySystem system = read(SYSTEM.formatted("https://example.org/2.0", "version=", "PT1M")).get(0);

        assertThat(system.nodes().get(0)).isEqualTo(
                new Node("app-1", "app-1.example.org", "Berlin", Environment.PRODUCTION, "1.10"));
        assertThat(system.businessServices()).isEmpty();
        assertThat(system.releases().get(0).requirements()).isEmpty();
        assertThat(system.runbook().acceptanceChecks()).isEmpty();
        assertThat(system.runbook().healthCheck().action()).isEqualTo(
                new HttpCheckSpec("GET", "https://{host}/health", 200, "version=", null));
    }

    @Test
    void namesAnEmptyFieldAndAChoiceNotMadeAndBindsNothingMisshapen() {
        String yaml = SYSTEM.formatted("", "version=(", "PT1M").replace("    verifyBackup: {command: [verify], ",
                "    verifyBackup: {");

        assertThatThrownBy(() -> read(yaml)).isInstanceOf(InventoryValidationException.class)
                .extracting(e -> ((InventoryValidationException) e).errors())
                .asInstanceOf(InstanceOfAssertFactories.list(String.class))
                .containsExactlyInAnyOrder(
                        "app.yaml: systems[0].releases[0] (2.0): field 'releaseNotesUrl' must be a text value, "
                                + "got nothing",
                        "app.yaml: systems[0].runbook.verifyBackup: needs one of command, http");
    }

    @Test
    void namesTheEntryOfWhatARecordRefuses() {
        String yaml = SYSTEM.formatted("https://example.org/2.0", "version=(", "PT1M");

        assertThatThrownBy(() -> read(yaml)).isInstanceOf(InventoryValidationException.class)
                .hasMessageContaining("app.yaml: systems[0].runbook.healthCheck.http: body pattern /version=(/ is "
                        + "not a valid regex");
    }

    @Test
    void aDurationMustBeLongerThanZero() {
        assertThatThrownBy(() -> read(SYSTEM.formatted("https://example.org/2.0", "version=", "PT0S")))
                .isInstanceOf(InventoryValidationException.class)
                .hasMessageContaining("app.yaml: systems[0].runbook.healthCheck: field 'estimate' must be an "
                        + "ISO-8601 duration such as PT10M or PT1H30M, longer than zero, got 'PT0S'");
    }

    private static List<InventorySystem> read(String yaml) {
        ByteArrayResource file = new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "app.yaml";
            }
        };
        return new InventoryReader().read("test", List.of(file));
    }

    private static JsonNode schema() throws IOException {
        return new ObjectMapper().readTree(PUBLISHED.toFile());
    }

    /** An enum's values once each in upper case: the schema lists the lower-case spelling too. */
    private static List<String> names(JsonNode definition) {
        Set<String> names = new LinkedHashSet<>();
        definition.path("enum").forEach(value -> names.add(value.asText().toUpperCase()));
        return List.copyOf(names);
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
