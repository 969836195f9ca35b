package io.upgradeorchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ByteArrayResource;

import io.upgradeorchestrator.action.CommandSpec;
import io.upgradeorchestrator.action.HttpCheckSpec;

/** The runbook part of the inventory: read, checked with file, entry and field named, stored and read back. */
class RunbookReaderTest {

    private static final String SYSTEM = """
            systems:
              - id: app
                name: App
                tier: 3
                ownerGroup: app-owners
                sla: {availabilityPercent: 99, maxOutageMinutes: 60, supportHours: office}
                nodes:
                  - {id: app-1, host: app-1.example.org, site: Berlin, environment: PRODUCTION, version: "1.0"}
                runbook:
            """;
    private static final String RUNBOOK = """
                  demoTarget: false
                  backup: {command: [backup-app, "{node}", "{backupLocation}"], timeout: PT10M, estimate: PT5M}
                  verifyBackup: {command: [verify, "{backupLocation}"], estimate: PT1M}
                  restore: {command: [restore, "{backupLocation}", "${restoreDirectory}"], estimate: PT5M}
                  verifyRestore: {command: [verify-restore, "${restoreDirectory}"], estimate: PT1M}
                  upgrade: {command: [install, "{targetVersion}"], workingDirectory: /opt/app, expectedExitCodes: [0, 3], estimate: PT20M}
                  rollback: {command: [rollback, "{backupLocation}"], estimate: PT15M}
                  healthCheck: {http: {url: "https://{host}/health", bodyPattern: "version=\\\\d+"}, estimate: PT1M}
                  acceptanceChecks:
                    - {name: Login works, priority: CORE, http: {url: "https://{host}/login", expectedStatus: 302}}
                    - {name: Orders, priority: STANDARD, sql: {connection: app, query: "select count(*) from orders", expectation: "value > 0"}}
                  monitoringProbes:
                    - {name: Home page, http: {url: "https://{host}/"}, maxLatencyMillis: 800, maxErrorRatePercent: 1.5}
                  logSources:
                    - {name: App log, file: "/var/log/app/{node}.log", patterns: [{name: errors, regex: "ERROR", threshold: 2}]}
                  estimates: {preparation: PT15M, verification: PT30M, repairBuffer: PT30M, rollbackDecision: PT10M}
            """;

    @Test
    void readsARunbookWithEveryKindOfEntry() {
        Runbook runbook = read(SYSTEM + RUNBOOK).get(0).runbook();

        assertThat(runbook.demoTarget()).isFalse();
        assertThat(runbook.backup().action()).isEqualTo(new CommandSpec(List.of("backup-app", "{node}",
                "{backupLocation}"), null, null, Duration.ofMinutes(10), null));
        assertThat(runbook.backup().estimate()).isEqualTo(Duration.ofMinutes(5));
        assertThat(((CommandSpec) runbook.upgrade().action()).expectedExitCodes()).containsExactlyInAnyOrder(0, 3);
        assertThat(((HttpCheckSpec) runbook.healthCheck().action()).bodyPattern()).isEqualTo("version=\\d+");
        assertThat(runbook.acceptanceChecks()).extracting(Runbook.AcceptanceCheck::priority)
                .containsExactly(Runbook.Priority.CORE, Runbook.Priority.STANDARD);
        assertThat(runbook.monitoringProbes().get(0).maxErrorRatePercent()).isEqualTo(1.5);
        assertThat(runbook.logSources().get(0).scan().patterns().get(0).threshold()).isEqualTo(2);
        assertThat(runbook.estimates().rollbackDecision()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void everyDemoSystemHasADemoRunbookThatSurvivesStorage() {
        List<InventorySystem> systems = InventoryReaderTest.demoInventory();

        assertThat(systems).allSatisfy(system -> {
            assertThat(system.runbook()).isNotNull();
            assertThat(system.runbook().demoTarget()).isTrue();
            assertThat(system.runbook().acceptanceChecks()).anyMatch(c -> c.priority() == Runbook.Priority.CORE);
            assertThat(InventoryReader.runbookFromJson(RunbookJson.write(system.runbook())))
                    .isEqualTo(system.runbook());
        });
        Runbook runbook = read(SYSTEM + RUNBOOK).get(0).runbook();
        assertThat(InventoryReader.runbookFromJson(RunbookJson.write(runbook))).isEqualTo(runbook);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown placeholder      | "{node}", "{backupLocation}"        | "{nodename}", "{backupLocation}"     | runbook.backup: field 'command[1]': unknown placeholder {nodename}
            unknown value            | "${restoreDirectory}"]             | "${scratch}"]                       | runbook.restore: field 'command[2]' uses unknown value [${scratch}]
            bad duration             | estimate: PT20M                    | estimate: 20 minutes                | runbook.upgrade: field 'estimate' must be an ISO-8601 duration such as PT10M
            command and http         | {command: [rollback, "{backupLocation}"], | {command: [x], http: {url: "https://{host}/"}, | runbook.rollback: needs only one of command, http; given: command, http
            bad priority             | priority: STANDARD                 | priority: OPTIONAL                  | runbook.acceptanceChecks[1] (Orders): field 'priority' has invalid value 'OPTIONAL'
            bad regex                | regex: "ERROR"                     | regex: "ERROR("                     | runbook.logSources[0].patterns[0] (errors): log pattern 'errors' is not a valid regex
            bad sql expectation      | expectation: "value > 0"           | expectation: "about 3"              | runbook.acceptanceChecks[1].sql: SQL expectation 'about 3' is not of the form
            unknown field            | maxLatencyMillis: 800              | maxLatency: 800                     | runbook.monitoringProbes[0] (Home page): unknown field 'maxLatency'
            missing estimates        | estimates: {preparation            | estimatez: {preparation            | runbook: field 'estimates' is missing
            """)
    void namesFileEntryAndFieldOfEveryRunbookProblem(String problem, String original, String broken, String message) {
        String unescapedOriginal = original;
        String yaml = (SYSTEM + RUNBOOK);
        assertThat(yaml).as("test fixture contains %s", unescapedOriginal).contains(unescapedOriginal);
        String invalid = yaml.replaceFirst(java.util.regex.Pattern.quote(unescapedOriginal),
                java.util.regex.Matcher.quoteReplacement(broken));

        assertThatThrownBy(() -> read(invalid)).isInstanceOf(InventoryValidationException.class)
                .hasMessageContaining("app.yaml: systems[0]." + message);
    }

    @Test
    void aSystemWithoutRunbookHasNone() {
        String yaml = SYSTEM.replace("    runbook:\n", "");

        assertThat(read(yaml).get(0).runbook()).isNull();
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
}
