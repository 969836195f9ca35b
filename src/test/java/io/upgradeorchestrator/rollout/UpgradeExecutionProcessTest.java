package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.testing.Upgrades.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.rollback.UpgradeRollbackProcess;
import io.upgradeorchestrator.rollout.UpgradeExecutionProcess.Elements;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;

/**
 * Every path of "Carry out upgrade" (upgrade-execution.bpmn with upgrade-wave.bpmn, rollback-decision.bpmn and
 * upgrade-rollback.bpmn), run for real against the demo target under {@code target/test-data}: backups are taken,
 * production demo nodes upgraded, broken on disk to force failures, and rolled back.
 */
@ProcessTest
class UpgradeExecutionProcessTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** billing-portal's notification list (nothing depends on it). */
    private static final List<String> PORTAL_USERS = List.of("portal-users@example.org", "customer-service@example.org");

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;
    @Autowired
    RolloutNodeResults results;

    @BeforeEach
    void freshDemoTarget() {
        AbstractAssertions.init(engine);
        upgrades.freshDemoTarget();
    }

    @AfterEach
    void resetClock() {
        upgrades.resetClock();
    }

    // --- happy path ---------------------------------------------------------------------------------------

    @Test
    void shouldBackUpMeasureUpgradeInWavesVerifyAndComplete() throws Exception {
        String dataBefore = Files.readString(node("billing-portal-fra-2").resolve("data/invoices.csv"));
        ProcessInstance execution = start("billing-portal", "4.9.0", facts());
        upgrades.runJobs(execution);

        // manual checks by the system's owners
        assertThat(upgrades.task(execution, Elements.CHECK_MANUALLY).getTaskDefinitionKey()).isEqualTo(Elements.CHECK_MANUALLY);
        assertThatThrownBy(() -> upgrades.complete("olga", execution, Elements.CHECK_MANUALLY,
                values("manualChecksDone", " ", "manualChecksOk", "no")))
                .hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("manualChecksDone").hasMessageContaining("manualFindings");
        upgrades.complete("olga", execution, Elements.CHECK_MANUALLY,
                values("manualChecksDone", "Opened three invoices, paid one", "manualChecksOk", "yes"));

        assertThat(execution).isEnded().hasPassed(Elements.TAKE_FINAL_BACKUP, Elements.MEASURE_BASELINE,
                Elements.RUN_ACCEPTANCE_CHECKS, Elements.REVIEW_LOGS, Elements.COMPLETED_END)
                .hasNotPassed(Elements.ROLLED_BACK_END, Elements.WINDOW_TO_REPLAN);
        assertThat(variable(execution, "executionOutcome")).isEqualTo("COMPLETED");

        // every production node really switched to the target release, its data migrated
        for (String node : List.of("billing-portal-fra-1", "billing-portal-fra-2", "billing-portal-ber-1")) {
            assertThat(Files.readSymbolicLink(node(node).resolve("current"))).isEqualTo(Path.of("releases/4.9.0"));
        }
        assertThat(Files.readString(node("billing-portal-fra-2").resolve("data/invoices.csv")))
                .isNotEqualTo(dataBefore).startsWith("id;customer;amount_cents;currency");

        // the plan: canary first, then the rest; one row per node, none in a process variable
        String upgradeId = upgrades.businessKey(execution);
        List<RolloutNodeResult> rows = results.findByUpgradeId(upgradeId);
        assertThat(rows).extracting(RolloutNodeResult::nodeId)
                .containsExactly("billing-portal-fra-1", "billing-portal-ber-1", "billing-portal-fra-2");
        assertThat(rows).extracting(RolloutNodeResult::wave).containsExactly(1, 2, 2);
        assertThat(rows.get(0).canary()).isTrue();
        assertThat(rows).allMatch(row -> row.status() == NodeStatus.UPGRADED && row.upgradedAt() != null);
        assertThat(variable(execution, "wavesTotal")).isEqualTo(2);
        assertThat(variable(execution, "nodesUpgraded")).isEqualTo(3);
        assertThat(variable(execution, "nodesFailed")).isEqualTo(0);
        assertThat((String) variable(execution, "rolloutSummary")).contains("3 UPGRADED of 3 production node(s)");

        // final backup: one verified file per node, a manifest with their checksums
        Path folder = Path.of((String) variable(execution, "finalBackupLocation"));
        assertThat(variable(execution, "finalBackupVerified")).isEqualTo(true);
        assertThat(folder.resolve("SHA256SUMS")).isRegularFile();
        assertThat(Files.readString(folder.resolve("SHA256SUMS"))).contains(rows.get(0).backupSha256() + "  billing-portal-fra-1.tar.gz");
        assertThat(variable(execution, "finalBackupSha256")).isEqualTo(sha256(folder.resolve("SHA256SUMS")));
        assertThat((Long) variable(execution, "finalBackupSizeBytes")).isEqualTo(rows.stream()
                .mapToLong(RolloutNodeResult::backupSizeBytes).sum());
        assertThat(rows).allMatch(row -> Files.isRegularFile(Path.of(row.backupLocation())));

        // baseline measured before the change
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> probes = (List<Map<String, Object>>) variable(execution, "baselineProbes");
        assertThat(probes).hasSize(1);
        assertThat(probes.get(0)).containsEntry("name", "Health answer").containsEntry("errorRatePercent", 0.0)
                .containsKey("latencyMillis");
        assertThat((String) variable(execution, "baselineSummary")).startsWith("Baseline before the change on");

        // verification recorded
        assertThat(variable(execution, "verificationPassed")).isEqualTo(true);
        assertThat((String) variable(execution, "verificationSummary"))
                .contains("CORE Invoices readable passed on 3 node(s)", "STANDARD Settings name the running release passed");
        assertThat((String) variable(execution, "logReviewSummary")).contains("no errors or warnings");
        assertThat((String) variable(execution, "manualCheckSummary")).startsWith("Manual checks passed by olga");
        assertThat((String) variable(execution, "changedConfiguration")).contains("Release switched to 4.9.0 on 3 of 3");
        assertThat((Date) variable(execution, "upgradeFinishedAt")).isAfterOrEqualTo((Date) variable(execution, "upgradeStartedAt"));
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(execution.getId()).variableName("rollbackTrigger").count()).isZero();
    }

    private ProcessInstance start(String systemId, String targetVersion, Map<String, Object> facts) {
        String upgradeId = "UPG-EXEC-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        Map<String, Object> variables = new java.util.HashMap<>(values("upgradeId", upgradeId, "requester", "rita",
                "systemId", systemId, "systemName", systemId, "currentVersion", "4.8.2", "targetVersion", targetVersion,
                "ownerGroup", systemId.equals("billing-db") ? "billing-owners" : "portal-owners",
                "upgradeTitle", upgradeId + ": " + systemId + " → " + targetVersion, "taskPriority", 50,
                "windowStart", Date.from(Instant.now().minus(1, ChronoUnit.MINUTES)),
                "windowEnd", Date.from(Instant.now().plus(6, ChronoUnit.HOURS))));
        variables.putAll(facts);
        return engine.getRuntimeService().startProcessInstanceByKey(UpgradeExecutionProcess.KEY, upgradeId, variables);
    }

    /** A staged rollout with one canary node, waves of two, a manual rollback decision due in two hours. */
    static Map<String, Object> facts(Object... overrides) {
        Map<String, Object> facts = new java.util.HashMap<>(values("riskLevel", "MEDIUM", "tier", 2,
                "stagedRollout", true, "canaryNodes", 1, "maxParallelNodes", 2, "failureThreshold", 1,
                "rollbackAutomatic", false, "rollbackDecisionOwner", "portal-owners", "forwardFixOnly", false,
                "rollbackDeadline", Date.from(Instant.now().plus(2, ChronoUnit.HOURS)),
                "dataMigration", true, "irreversibleMigration", false, "dataLossWindow", "up to 2 hours of entries",
                "rollbackPlanSummary", "Rollback decided by portal-owners"));
        facts.putAll(values(overrides));
        return facts;
    }

    private Path node(String nodeId) {
        return upgrades.demoNode(nodeId);
    }

    private Object variable(ProcessInstance instance, String name) {
        return upgrades.variable(instance, name);
    }

    static String sha256(Path file) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        digest.update(Files.readAllBytes(file));
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
