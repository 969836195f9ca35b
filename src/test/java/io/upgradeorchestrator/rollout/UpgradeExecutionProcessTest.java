package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.DATA_RESTORED;
import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.ROLLBACK_NOTIFIED_TO;
import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.ROLLBACK_SUMMARY;
import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.ROLLBACK_WAVE;
import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.ROLLBACK_WAVES;
import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.ROLLED_BACK;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.DATA_LOSS_WINDOW;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.BASELINE_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.CHANGED_CONFIGURATION;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.EXECUTION_OUTCOME;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.FINAL_BACKUP_LOCATION;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.FINAL_BACKUP_SHA256;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.FINAL_BACKUP_SIZE_BYTES;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.FINAL_BACKUP_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.FINAL_BACKUP_VERIFIED;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.LOG_REVIEW_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.MANUAL_CHECK_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.NODES_FAILED;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.NODES_UPGRADED;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLBACK_DECIDED_BY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLBACK_DECISION;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLBACK_REASON;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLOUT_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.UPGRADE_FINISHED_AT;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.UPGRADE_STARTED_AT;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.VERIFICATION_PASSED;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.VERIFICATION_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.WAVES_TOTAL;
import static io.upgradeorchestrator.testing.Upgrades.values;
import static io.upgradeorchestrator.variables.UpgradeVariables.BASELINE_PROBES;
import static io.upgradeorchestrator.variables.UpgradeVariables.CURRENT_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.DATA_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.IRREVERSIBLE_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUESTER;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER_DETAIL;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_NAME;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_TITLE;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.ROLLBACK_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
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
import io.upgradeorchestrator.variables.Var;

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
    @Autowired
    RolloutProgress progress;

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
        // a client sending a checkbox's true where a text is expected: refused as a bad value, naming the field
        assertThatThrownBy(() -> upgrades.complete("olga", execution, Elements.CHECK_MANUALLY,
                values("manualChecksDone", true, "manualChecksOk", "yes")))
                .hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("'manualChecksDone' holds a Boolean, expected String");
        upgrades.complete("olga", execution, Elements.CHECK_MANUALLY,
                values("manualChecksDone", "Opened three invoices, paid one", "manualChecksOk", "yes"));

        assertThat(execution).isEnded().hasPassed(Elements.TAKE_FINAL_BACKUP, Elements.MEASURE_BASELINE, Elements.JUDGE_BASELINE,
                Elements.RUN_ACCEPTANCE_CHECKS, Elements.REVIEW_LOGS, Elements.COMPLETED_END)
                .hasNotPassed(Elements.ROLLED_BACK_END, Elements.WINDOW_TO_REPLAN);
        assertThat(upgrades.variable(execution, EXECUTION_OUTCOME)).isEqualTo("COMPLETED");

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
        assertThat(upgrades.variable(execution, WAVES_TOTAL)).isEqualTo(2);
        assertThat(upgrades.variable(execution, NODES_UPGRADED)).isEqualTo(3);
        assertThat(upgrades.variable(execution, NODES_FAILED)).isEqualTo(0);
        assertThat(upgrades.variable(execution, ROLLOUT_SUMMARY)).contains("3 UPGRADED of 3 production node(s)");

        // final backup: one verified file per node, a manifest with their checksums
        Path folder = Path.of(upgrades.variable(execution, FINAL_BACKUP_LOCATION));
        assertThat(upgrades.variable(execution, FINAL_BACKUP_VERIFIED)).isEqualTo(true);
        assertThat(folder.resolve("SHA256SUMS")).isRegularFile();
        assertThat(Files.readString(folder.resolve("SHA256SUMS"))).contains(rows.get(0).backupSha256() + "  billing-portal-fra-1.tar.gz");
        assertThat(upgrades.variable(execution, FINAL_BACKUP_SHA256)).isEqualTo(sha256(folder.resolve("SHA256SUMS")));
        assertThat(upgrades.variable(execution, FINAL_BACKUP_SIZE_BYTES)).isEqualTo(rows.stream()
                .mapToLong(RolloutNodeResult::backupSizeBytes).sum());
        assertThat(rows).allMatch(row -> Files.isRegularFile(Path.of(row.backupLocation())));

        // baseline measured before the change
        List<Map<String, Object>> probes = upgrades.variable(execution, BASELINE_PROBES);
        assertThat(probes).hasSize(1);
        assertThat(probes.get(0)).containsEntry("name", "Health answer").containsEntry("errorRatePercent", 0.0)
                .containsKey("latencyMillis");
        assertThat(upgrades.variable(execution, BASELINE_SUMMARY)).startsWith("Baseline before the change on");

        // verification recorded
        assertThat(upgrades.variable(execution, VERIFICATION_PASSED)).isEqualTo(true);
        assertThat(upgrades.variable(execution, VERIFICATION_SUMMARY))
                .contains("CORE Invoices readable passed on 3 node(s)", "STANDARD Settings name the running release passed");
        assertThat(upgrades.variable(execution, LOG_REVIEW_SUMMARY)).contains("no errors or warnings");
        assertThat(upgrades.variable(execution, MANUAL_CHECK_SUMMARY)).startsWith("Manual checks passed by olga");
        assertThat(upgrades.variable(execution, CHANGED_CONFIGURATION)).contains("Release switched to 4.9.0 on 3 of 3");
        assertThat(upgrades.variable(execution, UPGRADE_FINISHED_AT)).isAfterOrEqualTo(upgrades.variable(execution, UPGRADE_STARTED_AT));
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(execution.getId()).variableName(ROLLBACK_TRIGGER.name()).count()).isZero();
    }

    // --- rollback at each trigger -------------------------------------------------------------------------

    @Test
    void shouldRollBackAutomaticallyWhenTheCanaryFails() throws Exception {
        ProcessInstance execution = start("billing-portal", "4.9.0", facts("rollbackAutomatic", true));
        runJobsUntil(execution, UpgradeWaveProcess.Elements.UPGRADE_NODE);
        breakSettings("billing-portal-fra-1"); // the canary: its upgrade migrates the data, then fails
        upgrades.runJobs(execution);

        assertThat(execution).isEnded().hasPassed(Elements.RESTORE_AND_VERIFY, Elements.ROLLED_BACK_END)
                .hasNotPassed(Elements.RUN_ACCEPTANCE_CHECKS);
        assertThat(upgrades.variable(execution, EXECUTION_OUTCOME)).isEqualTo("ROLLED_BACK");
        assertThat(upgrades.variable(execution, ROLLBACK_TRIGGER)).isEqualTo("CANARY_FAILED");
        assertThat(upgrades.variable(execution, ROLLBACK_TRIGGER_DETAIL)).contains("Canary wave 1", "billing-portal-fra-1",
                "upgrade FAILED", "upgrade.sh");
        assertThat(upgrades.variable(execution, ROLLBACK_DECISION)).isEqualTo("ROLL_BACK");
        assertThat(upgrades.variable(execution, ROLLBACK_DECIDED_BY)).isEqualTo("automatic (plan)");
        assertThat(upgrades.variable(execution, ROLLED_BACK)).isEqualTo(true);
        assertThat(upgrades.variable(execution, DATA_RESTORED)).isEqualTo(true);
        assertThat(upgrades.variable(execution, ROLLBACK_SUMMARY)).contains("Wave 1 rolled back: billing-portal-fra-1.",
                "Data restored on 1 node(s)", "Old version verified on 3 node(s)");
        // each wave its own "Roll back wave", latest first; the untouched wave is verified, not rolled back
        assertThat(waveRollbacks(execution)).containsExactly(2, 1);

        // the canary is back on its release with its data; the other nodes were never touched
        List<RolloutNodeResult> rows = results.findByUpgradeId(upgrades.businessKey(execution));
        assertThat(rows).extracting(RolloutNodeResult::status)
                .containsExactly(NodeStatus.ROLLED_BACK, NodeStatus.PLANNED, NodeStatus.PLANNED);
        // what people watching see once it ended: the canary rolled back, the second wave never reached
        assertThat(progress.of(upgrades.businessKey(execution))).extracting(RolloutProgress.WaveProgress::rolledBack,
                RolloutProgress.WaveProgress::waiting, RolloutProgress.WaveProgress::notReached)
                .containsExactly(tuple(1, 0, 0), tuple(0, 0, 2));
        for (String node : List.of("billing-portal-fra-1", "billing-portal-fra-2", "billing-portal-ber-1")) {
            assertThat(Files.readSymbolicLink(node(node).resolve("current"))).isEqualTo(Path.of("releases/4.8.2"));
            assertThat(Files.readAllLines(node(node).resolve("data/invoices.csv")).get(0)).isEqualTo("id;customer;amount_cents");
        }
        assertThat(Files.readString(node("billing-portal-fra-2").resolve("logs/runbook.log"))).doesNotContain("upgraded");

        // the users are told, the same people the announcement reached
        assertThat(sentTo("upgrade-rolled-back")).containsExactlyInAnyOrderElementsOf(PORTAL_USERS);
        assertThat(upgrades.variable(execution, ROLLBACK_NOTIFIED_TO)).isEqualTo(String.join(", ", PORTAL_USERS));
    }

    @Test
    void shouldCheckANodesHealthAsSoonAsItIsUpgradedWithoutWaitingForTheRestOfItsWave() throws Exception {
        ProcessInstance execution = start("billing-portal", "4.9.0", facts("stagedRollout", false));
        runJobsUntil(execution, UpgradeWaveProcess.Elements.UPGRADE_NODE);
        upgrades.runStep(execution, UpgradeWaveProcess.Elements.UPGRADE_NODE, "billing-portal-fra-1");

        assertThat(upgrades.steps(execution, UpgradeWaveProcess.Elements.CHECK_NODE_HEALTH))
                .extracting(step -> engine.getRuntimeService().getVariable(step.getExecutionId(), "node"))
                .containsExactly("billing-portal-fra-1");
        assertThat(upgrades.steps(execution, UpgradeWaveProcess.Elements.UPGRADE_NODE))
                .extracting(step -> engine.getRuntimeService().getVariable(step.getExecutionId(), "node"))
                .as("the wave's other node is still to be upgraded").contains("billing-portal-ber-1");
        assertThat(upgrades.dueJobs(execution)).as("the wave's gate waits for every node")
                .noneMatch(job -> UpgradeWaveProcess.Elements.CHECK_WAVE_HEALTH.equals(activity(job)));

        upgrades.runJobs(execution);
        assertThat(upgrades.task(execution, Elements.CHECK_MANUALLY)).isNotNull();
        assertThat(results.findByUpgradeId(upgrades.businessKey(execution))).extracting(RolloutNodeResult::status)
                .containsOnly(NodeStatus.UPGRADED);
    }

    @Test
    void shouldStopAtTheFailureThresholdContinueOnDecisionAndRollBackAfterAFailedCoreCheck() throws Exception {
        // not staged: no canary, waves of two; one failed node reaches the threshold
        ProcessInstance execution = start("billing-portal", "4.9.0", facts("stagedRollout", false));
        runJobsUntil(execution, UpgradeWaveProcess.Elements.UPGRADE_NODE);
        upgrades.runStep(execution, UpgradeWaveProcess.Elements.UPGRADE_NODE, "billing-portal-fra-1");
        breakSettings("billing-portal-ber-1");
        upgrades.runJobs(execution);

        assertThat(upgrades.task(execution, RollbackDecisionProcess.Elements.DECIDE_ROLLBACK)).isNotNull();
        assertThat(upgrades.variable(execution, ROLLBACK_TRIGGER)).isEqualTo("FAILURE_THRESHOLD");
        assertThat(upgrades.variable(execution, ROLLBACK_TRIGGER_DETAIL)).contains("Wave 1", "1 upgrade(s) failed",
                "billing-portal-ber-1");
        var decision = upgrades.task(execution, RollbackDecisionProcess.Elements.DECIDE_ROLLBACK);
        assertThat(engine.getTaskService().getIdentityLinksForTask(decision.getId()))
                .anyMatch(link -> "portal-owners".equals(link.getGroupId()));
        assertThat(decision.getDueDate()).isEqualTo(upgrades.variable(execution, ROLLBACK_DEADLINE));
        assertThatThrownBy(() -> upgrades.complete("olga", decision, values("rollbackDecision", "MAYBE")))
                .hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("ROLL_BACK, CONTINUE").hasMessageContaining("rollbackReason");
        upgrades.complete("olga", execution, RollbackDecisionProcess.Elements.DECIDE_ROLLBACK,
                values("rollbackDecision", "CONTINUE", "rollbackReason", "ber-1 is repaired by hand later"));
        runJobsUntil(execution, io.upgradeorchestrator.rollout.NodeAcceptanceChecksProcess.Elements.CHECK_NODE_ACCEPTANCE);
        // wave 2 is done; now a node's invoices turn out unreadable
        Files.writeString(node("billing-portal-fra-2").resolve("data/invoices.csv"), "3001;truncated row\n",
                StandardOpenOption.APPEND);
        upgrades.runJobs(execution);

        // wave 2 ran; then the CORE check fails on the broken node
        assertThat(upgrades.variable(execution, ROLLBACK_TRIGGER)).isEqualTo("CORE_CHECK_FAILED");
        assertThat(upgrades.variable(execution, VERIFICATION_SUMMARY)).contains("CORE Invoices readable FAILED on 1 of 3",
                "billing-portal-fra-2",
                "remaining checks not run after a CORE failure");
        assertThat(Files.readSymbolicLink(node("billing-portal-fra-2").resolve("current"))).isEqualTo(Path.of("releases/4.9.0"));
        upgrades.complete("olga", execution, RollbackDecisionProcess.Elements.DECIDE_ROLLBACK,
                values("rollbackDecision", "ROLL_BACK", "rollbackReason", "invoices unreadable on ber-1"));
        upgrades.runJobs(execution);

        assertThat(execution).isEnded().hasPassed(Elements.FIND_REMAINING_WAVES, Elements.ROLLED_BACK_END);
        assertThat(upgrades.variable(execution, ROLLBACK_DECIDED_BY)).isEqualTo("olga");
        // every wave rolled back on its own, latest wave first, the nodes of a wave in parallel
        assertThat(waveRollbacks(execution)).containsExactly(2, 1);
        assertThat(rollbackTargets(execution)).hasSize(3)
                .containsExactlyInAnyOrder("billing-portal-fra-2", "billing-portal-ber-1", "billing-portal-fra-1");
        assertThat(upgrades.variable(execution, ROLLBACK_SUMMARY)).contains("Wave 2 rolled back", "Wave 1 rolled back")
                .containsSubsequence("Wave 2 rolled back", "Wave 1 rolled back");
        for (String node : List.of("billing-portal-fra-1", "billing-portal-fra-2", "billing-portal-ber-1")) {
            assertThat(Files.readSymbolicLink(node(node).resolve("current"))).isEqualTo(Path.of("releases/4.8.2"));
            assertThat(Files.readAllLines(node(node).resolve("data/invoices.csv")).get(0)).isEqualTo("id;customer;amount_cents");
        }
        assertThat(upgrades.variable(execution, EXECUTION_OUTCOME)).isEqualTo("ROLLED_BACK");
    }

    @Test
    void shouldApplyTheDeadlinePolicyWhenNobodyDecidesAfterABreachedHealthGate() throws Exception {
        ProcessInstance execution = start("billing-portal", "4.9.0", facts());
        runJobsUntil(execution, UpgradeWaveProcess.Elements.CHECK_WAVE_HEALTH); // canary gate
        runJob(execution, UpgradeWaveProcess.Elements.CHECK_WAVE_HEALTH);
        runJobsUntil(execution, UpgradeWaveProcess.Elements.CHECK_NODE_HEALTH); // wave 2 upgraded, not yet checked
        // fra-2 was upgraded but does not serve: its switch points at a release that is not there
        Path current = node("billing-portal-fra-2").resolve("current");
        Files.delete(current);
        Files.createSymbolicLink(current, Path.of("releases/9.9.9"));
        upgrades.runJobs(execution);

        assertThat(upgrades.variable(execution, ROLLBACK_TRIGGER)).isEqualTo("HEALTH_GATE");
        assertThat(upgrades.variable(execution, ROLLBACK_TRIGGER_DETAIL)).contains("billing-portal-fra-2",
                "health check does not show release 4.9.0");
        assertThat(upgrades.task(execution, RollbackDecisionProcess.Elements.DECIDE_ROLLBACK)).isNotNull();
        upgrades.passTime(java.time.Duration.ofHours(3));
        upgrades.runJobs(execution);

        assertThat(execution).isEnded().hasPassed(Elements.ROLLED_BACK_END);
        assertThat(upgrades.variable(execution, ROLLBACK_DECISION)).isEqualTo("ROLL_BACK");
        assertThat(upgrades.variable(execution, ROLLBACK_DECIDED_BY)).isEqualTo("deadline policy");
        assertThat(upgrades.variable(execution, ROLLBACK_REASON)).startsWith("Deadline policy:").contains("service impaired");
        assertThat(results.findByUpgradeId(upgrades.businessKey(execution))).extracting(RolloutNodeResult::status)
                .containsOnly(NodeStatus.ROLLED_BACK);
        assertThat(Files.readSymbolicLink(current)).isEqualTo(Path.of("releases/4.8.2"));
    }

    @Test
    void shouldRollBackWhenTheManualCheckSaysNo() throws Exception {
        ProcessInstance execution = start("billing-portal", "4.9.0", facts());
        upgrades.runJobs(execution);
        upgrades.complete("olga", execution, Elements.CHECK_MANUALLY, values("manualChecksDone",
                "Printed an invoice", "manualChecksOk", "no", "manualFindings", "Invoice PDF shows no currency"));
        assertThat(upgrades.variable(execution, ROLLBACK_TRIGGER)).isEqualTo("MANUAL_CHECK_FAILED");
        assertThat(upgrades.variable(execution, MANUAL_CHECK_SUMMARY)).startsWith("Manual checks FAILED by olga")
                .contains("Invoice PDF shows no currency");
        upgrades.complete("olga", execution, RollbackDecisionProcess.Elements.DECIDE_ROLLBACK,
                values("rollbackDecision", "ROLL_BACK", "rollbackReason", "customers cannot read invoices"));
        upgrades.runJobs(execution);

        assertThat(execution).isEnded().hasPassed(Elements.ROLLED_BACK_END);
        assertThat(upgrades.variable(execution, VERIFICATION_PASSED)).isEqualTo(false);
        assertThat(rollbackTargets(execution)).hasSize(3)
                .containsExactlyInAnyOrder("billing-portal-fra-2", "billing-portal-ber-1", "billing-portal-fra-1");
        assertThat(sentTo("upgrade-rolled-back")).containsExactlyInAnyOrderElementsOf(PORTAL_USERS);
    }

    @Test
    void shouldGoOnToTheLogReviewWhenTheOwnerKeepsTheUpgradeAfterAFailedCoreCheck() throws Exception {
        ProcessInstance execution = start("billing-portal", "4.9.0", facts());
        runJobsUntil(execution, io.upgradeorchestrator.rollout.NodeAcceptanceChecksProcess.Elements.CHECK_NODE_ACCEPTANCE);
        Files.writeString(node("billing-portal-fra-2").resolve("data/invoices.csv"), "3001;truncated row\n",
                StandardOpenOption.APPEND);
        upgrades.runJobs(execution);
        assertThat(upgrades.variable(execution, ROLLBACK_TRIGGER)).isEqualTo("CORE_CHECK_FAILED");

        upgrades.complete("olga", execution, RollbackDecisionProcess.Elements.DECIDE_ROLLBACK,
                values("rollbackDecision", "CONTINUE", "rollbackReason", "one damaged test invoice, repaired by hand"));
        upgrades.runJobs(execution);
        upgrades.complete("olga", execution, Elements.CHECK_MANUALLY,
                values("manualChecksDone", "Opened three invoices", "manualChecksOk", "yes"));

        assertThat(execution).isEnded().hasPassed(Elements.REVIEW_LOGS, Elements.CHECK_MANUALLY, Elements.COMPLETED_END)
                .hasNotPassed(Elements.ROLLED_BACK_END);
        assertThat(upgrades.variable(execution, ROLLBACK_DECISION)).isEqualTo("CONTINUE");
        assertThat(upgrades.variable(execution, EXECUTION_OUTCOME)).isEqualTo("COMPLETED");
        // kept, not verified: the record must not claim a clean verification
        assertThat(upgrades.variable(execution, VERIFICATION_PASSED)).isEqualTo(false);
        assertThat(Files.readSymbolicLink(node("billing-portal-fra-2").resolve("current"))).isEqualTo(Path.of("releases/4.9.0"));
    }

    @Test
    void shouldCompleteWhenTheOwnerKeepsTheUpgradeAfterAFailedManualCheck() throws Exception {
        ProcessInstance execution = start("billing-portal", "4.9.0", facts());
        upgrades.runJobs(execution);
        upgrades.complete("olga", execution, Elements.CHECK_MANUALLY, values("manualChecksDone",
                "Printed an invoice", "manualChecksOk", "no", "manualFindings", "Logo slightly blurred on the PDF"));
        assertThat(upgrades.variable(execution, ROLLBACK_TRIGGER)).isEqualTo("MANUAL_CHECK_FAILED");

        upgrades.complete("olga", execution, RollbackDecisionProcess.Elements.DECIDE_ROLLBACK,
                values("rollbackDecision", "CONTINUE", "rollbackReason", "cosmetic; fixed forward next week"));
        upgrades.runJobs(execution);

        assertThat(execution).isEnded().hasPassed(Elements.COMPLETED_END).hasNotPassed(Elements.ROLLED_BACK_END);
        assertThat(upgrades.variable(execution, EXECUTION_OUTCOME)).isEqualTo("COMPLETED");
        assertThat(upgrades.variable(execution, VERIFICATION_PASSED)).isEqualTo(false);
        assertThat(rollbackTargets(execution)).isEmpty();
        for (String node : List.of("billing-portal-fra-1", "billing-portal-fra-2", "billing-portal-ber-1")) {
            assertThat(Files.readSymbolicLink(node(node).resolve("current"))).isEqualTo(Path.of("releases/4.9.0"));
        }
    }

    @Test
    void shouldNotStartWithoutAVerifiedFinalBackupAndSendTheWindowBackToReplanning() throws Exception {
        FileSystemUtils.deleteRecursively(node("billing-portal-ber-1").resolve("data"));
        ProcessInstance execution = start("billing-portal", "4.9.0", facts());
        upgrades.runJobs(execution);

        assertThat(execution).isEnded().hasPassed(Elements.REPORT_BACKUP_FAILURE, Elements.WINDOW_TO_REPLAN)
                .hasNotPassed(Elements.MEASURE_BASELINE, Elements.UPGRADE_WAVES);
        assertThat(upgrades.variable(execution, EXECUTION_OUTCOME)).isEqualTo("REPLAN_WINDOW");
        assertThat(upgrades.variable(execution, FINAL_BACKUP_VERIFIED)).isEqualTo(false);
        assertThat(upgrades.variable(execution, FINAL_BACKUP_SUMMARY)).startsWith("Final backup FAILED on billing-portal-ber-1")
                .contains("is not a provisioned demo node");
        assertThat(sentTo("final-backup-failed")).containsExactlyInAnyOrder("oscar@example.org", "rita@example.org");
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).contains("final backup failed, the upgrade did not start");
        for (String node : List.of("billing-portal-fra-1", "billing-portal-fra-2")) {
            assertThat(Files.readString(node(node).resolve("logs/runbook.log"))).doesNotContain("upgraded");
        }
    }

    @Test
    void shouldRaiseAnIncidentThatSaysWhichNodeWhatRanAndWhatCameBackWhenARollbackFails() throws Exception {
        ProcessInstance execution = start("billing-portal", "4.9.0", facts("rollbackAutomatic", true));
        runJobsUntil(execution, UpgradeWaveProcess.Elements.UPGRADE_NODE);
        breakSettings("billing-portal-fra-1");
        runJobsUntil(execution, UpgradeRollbackProcess.NodeRollbackElements.ROLL_BACK_NODE);
        // the canary's final backup is lost before its rollback runs
        RolloutNodeResult canary = results.find(upgrades.businessKey(execution), "billing-portal-fra-1").orElseThrow();
        Files.delete(Path.of(canary.backupLocation()));
        for (int attempt = 0; attempt < 5; attempt++) {
            upgrades.runJobs(execution); // the step fails; the worker counts down its retries (3, 5 minutes apart)
            upgrades.passTime(java.time.Duration.ofMinutes(6));
        }

        List<Incident> incidents = upgrades.instanceIds(execution).stream().flatMap(id -> engine.getRuntimeService()
                .createIncidentQuery().processInstanceId(id).list().stream())
                .filter(incident -> incident.getId().equals(incident.getRootCauseIncidentId())).toList();
        assertThat(incidents).hasSize(1); // the root cause; "Carry out upgrade" shows it as a cause incident
        Incident incident = incidents.get(0);
        assertThat(incident.getActivityId()).isEqualTo(UpgradeRollbackProcess.NodeRollbackElements.ROLL_BACK_NODE);
        assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");
        assertThat(incident.getIncidentMessage()).contains("Rollback of node billing-portal-fra-1", "FAILED",
                "rollback.sh", canary.backupLocation(), "is missing or empty");
        assertThat(results.find(upgrades.businessKey(execution), "billing-portal-fra-1").orElseThrow().status())
                .isEqualTo(NodeStatus.ROLLBACK_FAILED);
        assertThat(results.find(upgrades.businessKey(execution), "billing-portal-fra-1").orElseThrow().summary())
                .startsWith("rollback FAILED").contains("rollback.sh");
        assertThat(jdbc.queryForObject("select count(*) from action_run where upgrade_id = ? and action_name ="
                + " 'rollback'", Integer.class, upgrades.businessKey(execution))).as("three attempts, then the incident")
                .isEqualTo(3);
        assertThat(execution).isNotEnded();
    }

    // --- Roll back upgrade (the main process's compensation of "Carry out upgrade") -----------------------

    @Test
    void shouldRollBackEveryNodeOfACompletedUpgradeRestoreDataAndTellUsers() throws Exception {
        ProcessInstance execution = start("billing-portal", "4.9.0", facts());
        upgrades.runJobs(execution);
        upgrades.complete("olga", execution, Elements.CHECK_MANUALLY, values("manualChecksDone", "all fine",
                "manualChecksOk", "yes"));
        assertThat(execution).isEnded().hasPassed(Elements.COMPLETED_END);
        Map<String, Object> carried = new java.util.HashMap<>();
        for (Var<?> variable : List.<Var<?>>of(UPGRADE_ID, REQUESTER, SYSTEM_ID, SYSTEM_NAME, CURRENT_VERSION,
                TARGET_VERSION, DATA_MIGRATION, IRREVERSIBLE_MIGRATION, DATA_LOSS_WINDOW, UPGRADE_TITLE)) {
            carried.put(variable.name(), upgrades.variable(execution, variable));
        }

        ProcessInstance rollback = engine.getRuntimeService().startProcessInstanceByKey(UpgradeRollbackProcess.KEY,
                upgrades.businessKey(execution), carried);
        upgrades.runJobs(rollback);

        assertThat(rollback).isEnded().hasPassed(UpgradeRollbackProcess.Elements.PLAN_ROLLBACK,
                UpgradeRollbackProcess.Elements.ROLL_BACK_WAVES, UpgradeRollbackProcess.Elements.RECORD_ROLLBACK,
                UpgradeRollbackProcess.Elements.ROLLED_BACK_END);
        assertThat(jdbc.queryForList("select target from action_run where upgrade_id = ? and action_name = 'restore'",
                String.class, upgrades.businessKey(execution))).as("each node's data restored by its own step")
                .containsExactlyInAnyOrder("billing-portal-fra-1", "billing-portal-fra-2", "billing-portal-ber-1");
        assertThat(upgrades.variable(rollback, EXECUTION_OUTCOME)).isEqualTo("ROLLED_BACK");
        assertThat(upgrades.variable(rollback, DATA_RESTORED)).isEqualTo(true);
        assertThat(upgrades.variable(rollback, ROLLBACK_SUMMARY)).startsWith("Wave 2 rolled back: ")
                .contains("; Wave 1 rolled back: billing-portal-fra-1.", "Data restored on 3 node(s)",
                        "Old version verified on 3 node(s)");
        for (String node : List.of("billing-portal-fra-1", "billing-portal-fra-2", "billing-portal-ber-1")) {
            assertThat(Files.readSymbolicLink(node(node).resolve("current"))).isEqualTo(Path.of("releases/4.8.2"));
            assertThat(Files.readAllLines(node(node).resolve("data/invoices.csv")).get(0)).isEqualTo("id;customer;amount_cents");
        }
        assertThat(results.findByUpgradeId(upgrades.businessKey(execution))).extracting(RolloutNodeResult::status)
                .containsOnly(NodeStatus.ROLLED_BACK);
        assertThat(sentTo("upgrade-rolled-back")).containsExactlyInAnyOrderElementsOf(PORTAL_USERS);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("billing-portal is available again on its previous version");
    }

    /** Runs due jobs and steps until a job or a step of {@code activityId} is due (and leaves it). */
    private void runJobsUntil(ProcessInstance instance, String activityId) {
        upgrades.runUntil(instance, activityId);
    }

    private void runJob(ProcessInstance instance, String activityId) {
        Job job = upgrades.dueJobs(instance).stream().filter(j -> activityId.equals(activity(j))).findFirst()
                .orElseThrow(() -> new AssertionError("No due job of " + activityId));
        engine.getManagementService().executeJob(job.getId());
    }

    private String activity(Job job) {
        var definition = engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                .singleResult();
        return definition == null ? null : definition.getActivityId();
    }

    /** Puts a folder where the node's settings file belongs: the upgrade migrates the data, then cannot write them. */
    private void breakSettings(String nodeId) throws Exception {
        Path settings = node(nodeId).resolve("config/settings.properties");
        Files.delete(settings);
        Files.createDirectories(settings);
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** The nodes whose rollback ran, in the order they ran. */
    /** The waves "Roll back wave" returned, in its order (the sequential collection), each once. */
    private List<Object> waveRollbacks(ProcessInstance execution) {
        List<Object> returned = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(UpgradeRollbackProcess.NODE_ROLLBACKS_KEY)
                .processInstanceBusinessKey(upgrades.businessKey(execution)).list().stream()
                .map(instance -> engine.getHistoryService().createHistoricVariableInstanceQuery()
                        .processInstanceId(instance.getId()).variableName(ROLLBACK_WAVE.name()).singleResult().getValue())
                .toList();
        List<Object> order = new java.util.ArrayList<>(upgrades.variable(execution, ROLLBACK_WAVES));
        assertThat(returned).containsExactlyInAnyOrderElementsOf(order);
        return order;
    }

    private List<String> rollbackTargets(ProcessInstance execution) {
        return jdbc.queryForList("select target from action_run where upgrade_id = ? and action_name = 'rollback'"
                + " order by started_at, id", String.class, upgrades.businessKey(execution));
    }

    /** Distinct recipients of the mails of this template (the test server holds one copy per recipient). */
    private java.util.Set<String> sentTo(String template) throws Exception {
        java.util.Set<String> to = new java.util.LinkedHashSet<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (template.equals(message.getHeader("X-Upgrade-Orchestrator-Template", null))) {
                Arrays.stream(message.getRecipients(Message.RecipientType.TO)).forEach(a -> to.add(a.toString()));
            }
        }
        return to;
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

    static String sha256(Path file) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        digest.update(Files.readAllBytes(file));
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
