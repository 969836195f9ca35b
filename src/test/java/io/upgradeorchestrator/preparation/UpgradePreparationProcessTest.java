package io.upgradeorchestrator.preparation;

import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_ATTEMPT;
import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_LOCATION;
import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_SHA256;
import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_SIZE_BYTES;
import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_SUMMARY;
import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_VERIFIED;
import static io.upgradeorchestrator.backup.BackupVariables.RESTORE_VERIFIED;
import static io.upgradeorchestrator.preparation.UpgradePreparationProcess.PREPARATION_OUTCOME;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.ACCEPTANCE_SUMMARY;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.PERFORMANCE_SUMMARY;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_NODES;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_PASSED;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_ROLLBACK_MINUTES;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_SUMMARY;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_UPGRADE_MINUTES;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.FORWARD_FIX_ONLY;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.ROLLBACK_AUTOMATIC;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.ROLLBACK_DECISION_OWNER;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.ROLLBACK_PLAN_SUMMARY;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.ROLLBACK_STEPS;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.ROLLBACK_TIME_MINUTES;
import static io.upgradeorchestrator.testing.Upgrades.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import io.upgradeorchestrator.demotarget.DemoTarget;
import io.upgradeorchestrator.demotarget.DemoTargetProvisioner;
import io.upgradeorchestrator.preparation.UpgradePreparationProcess.Elements;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Upgrades;

/**
 * Every path of "Plan and rehearse" (upgrade-preparation.bpmn), run for real against the demo target under
 * {@code target/test-data}: backups are taken and restored, test nodes upgraded and rolled back.
 */
@ProcessTest
class UpgradePreparationProcessTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;
    @Autowired
    DemoTarget demoTarget;
    @Autowired
    DemoTargetProvisioner provisioner;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void freshDemoTarget() throws IOException {
        AbstractAssertions.init(engine);
        FileSystemUtils.deleteRecursively(demoTarget.root());
        assertThat(provisioner.provisionAll()).isEqualTo(10);
    }

    @Test
    void shouldPlanBackUpRehearseAndBeReady() throws Exception {
        Path testNode = demoTarget.root().resolve("billing-db-test-1");
        String dataBefore = Files.readString(testNode.resolve("data/invoices.csv"));
        ProcessInstance preparation = start("billing-db", "16.4", true, false, false);

        assertThat(preparation).isWaitingAt(Elements.PLAN_ROLLBACK);
        Task plan = upgrades.task(preparation, Elements.PLAN_ROLLBACK);
        assertThat(engine.getTaskService().getIdentityLinksForTask(plan.getId()))
                .anyMatch(link -> "billing-owners".equals(link.getGroupId()));
        assertThat(upgrades.variable(preparation, ROLLBACK_DECISION_OWNER)).isEqualTo("billing-owners");
        assertThat(upgrades.variable(preparation, ROLLBACK_STEPS)).contains("rollback.sh");
        assertThat(upgrades.variable(preparation, ROLLBACK_TIME_MINUTES)).isEqualTo(121); // 2 nodes × 60 min + health check
        assertThat(upgrades.variable(preparation, FORWARD_FIX_ONLY)).isEqualTo(false);
        upgrades.complete("olga", plan, values("rollbackAutomatic", false, "rollbackTimeMinutes", 90L));

        assertThat(preparation).isWaitingAt(Elements.TAKE_AND_TEST_BACKUP);
        upgrades.runJobs(preparation);

        assertThat(preparation).isEnded().hasPassed(Elements.TAKE_AND_TEST_BACKUP, Elements.REHEARSE_UPGRADE,
                Elements.READY_END);
        assertThat(upgrades.variable(preparation, PREPARATION_OUTCOME)).isEqualTo("READY");
        assertThat(upgrades.variable(preparation, ROLLBACK_TIME_MINUTES)).isEqualTo(90);
        assertThat(upgrades.variable(preparation, ROLLBACK_PLAN_SUMMARY))
                .contains("Rollback decided by billing-owners").contains("about 90 min");

        // backup proof: a real file, measured, verified and restored
        Path backup = Path.of(upgrades.variable(preparation, BACKUP_LOCATION));
        assertThat(backup).isRegularFile().hasFileName("billing-db-fra-1.tar.gz");
        assertThat(backup.toString()).contains("test-data/backups/" + upgrades.businessKey(preparation) + "/");
        assertThat(upgrades.variable(preparation, BACKUP_SIZE_BYTES)).isEqualTo(Files.size(backup));
        assertThat(upgrades.variable(preparation, BACKUP_SHA256)).isEqualTo(sha256(backup));
        assertThat(upgrades.variable(preparation, BACKUP_VERIFIED)).isEqualTo(true);
        assertThat(upgrades.variable(preparation, RESTORE_VERIFIED)).isEqualTo(true);
        assertThat(upgrades.variable(preparation, BACKUP_SUMMARY))
                .contains("billing-db-fra-1", sha256(backup), "restore verified");

        // rehearsal: the test node was really upgraded and rolled back, its data restored
        assertThat(upgrades.variable(preparation, REHEARSAL_PASSED)).isEqualTo(true);
        assertThat(upgrades.variable(preparation, REHEARSAL_NODES)).isEqualTo("billing-db-test-1");
        assertThat(upgrades.variable(preparation, REHEARSAL_UPGRADE_MINUTES)).isGreaterThanOrEqualTo(1);
        assertThat(upgrades.variable(preparation, REHEARSAL_ROLLBACK_MINUTES)).isGreaterThanOrEqualTo(1);
        assertThat(Files.readString(testNode.resolve("logs/runbook.log")))
                .contains("upgraded billing-db-test-1 from release 15.6 to 16.4",
                        "rolled back billing-db-test-1 from release 16.4 to 15.6");
        assertThat(Files.readSymbolicLink(testNode.resolve("current"))).isEqualTo(Path.of("releases/15.6"));
        assertThat(testNode.resolve("releases/16.4/VERSION")).exists();
        assertThat(Files.readString(testNode.resolve("data/invoices.csv"))).isEqualTo(dataBefore);
        assertThat(upgrades.variable(preparation, ACCEPTANCE_SUMMARY))
                .contains("CORE Invoices readable passed", "CORE Service answers passed",
                        "STANDARD Settings name the running release passed");
        assertThat(upgrades.variable(preparation, PERFORMANCE_SUMMARY))
                .contains("Health answer", "baseline", "billing-db-fra-1", "— ok");
        assertThat(upgrades.variable(preparation, REHEARSAL_SUMMARY)).startsWith("Rehearsal PASSED");
        // production nodes were only read, never changed
        assertThat(Files.readString(demoTarget.root().resolve("billing-db-fra-1/logs/runbook.log")))
                .doesNotContain("upgraded");

        // every action ran once, under a key of this upgrade
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM action_run WHERE upgrade_id = ? AND action_name = 'upgrade'",
                Integer.class, upgrades.businessKey(preparation))).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM action_run WHERE upgrade_id = ? AND status <> 'SUCCEEDED'",
                Integer.class, upgrades.businessKey(preparation))).isZero();
    }

    @Test
    void shouldSkipTheRehearsalOnlyWhenNeitherRehearsalNorPilotIsRequired() throws Exception {
        ProcessInstance preparation = start("finance-reports", "8.2.1", false, false, false);
        upgrades.complete("olga", preparation, Elements.PLAN_ROLLBACK, values());
        upgrades.runJobs(preparation);

        assertThat(preparation).isEnded().hasPassed(Elements.READY_END)
                .hasNotPassed(Elements.REHEARSE_UPGRADE);
        assertThat(upgrades.variable(preparation, PREPARATION_OUTCOME)).isEqualTo("READY");
        assertThat(upgrades.variable(preparation, REHEARSAL_SUMMARY)).startsWith("Rehearsal skipped");
        assertThat(upgrades.variable(preparation, RESTORE_VERIFIED)).isEqualTo(true);
        assertThat(Files.readString(demoTarget.root().resolve("finance-reports-test-1/logs/runbook.log")))
                .doesNotContain("upgraded");
    }

    @Test
    void shouldSendABrokenBackupToOperationsAndGoOnAfterARetry() throws Exception {
        // representative data that the restore check rejects: the backup is taken but its restore is not usable
        Path production = demoTarget.root().resolve("finance-reports-fra-1");
        Files.writeString(production.resolve("data/invoices.csv"), "2001;no amount\n", StandardOpenOption.APPEND);
        ProcessInstance preparation = start("finance-reports", "8.2.1", false, false, false);
        upgrades.complete("olga", preparation, Elements.PLAN_ROLLBACK, values());
        upgrades.runJobs(preparation);

        assertThat(preparation).isWaitingAt(Elements.RESOLVE_BACKUP_PROBLEM);
        Task problem = upgrades.task(preparation, Elements.RESOLVE_BACKUP_PROBLEM);
        assertThat(engine.getTaskService().getIdentityLinksForTask(problem.getId()))
                .anyMatch(link -> "operations".equals(link.getGroupId()));
        assertThat(upgrades.variable(preparation, BACKUP_VERIFIED)).isEqualTo(true);
        assertThat(upgrades.variable(preparation, RESTORE_VERIFIED)).isEqualTo(false);
        assertThat(upgrades.variable(preparation, BACKUP_SUMMARY))
                .contains("Restore test FAILED", "invoices of finance-reports-fra-1 are not readable");
        String firstBackup = upgrades.variable(preparation, BACKUP_LOCATION);
        assertThatThrownBy(() -> upgrades.complete("oscar", problem, values("backupProblemDecision", "IGNORE")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("RETRY, CANCEL");

        // operations repair the data, then retry with a fresh backup
        Files.writeString(production.resolve("data/invoices.csv"),
                Files.readString(production.resolve("data/invoices.csv")).replace("2001;no amount\n", ""));
        upgrades.complete("oscar", upgrades.task(preparation, Elements.RESOLVE_BACKUP_PROBLEM),
                values("backupProblemDecision", "RETRY"));
        upgrades.runJobs(preparation);

        assertThat(preparation).isEnded().hasPassed(Elements.READY_END);
        assertThat(upgrades.variable(preparation, BACKUP_ATTEMPT)).isEqualTo(2);
        assertThat(upgrades.variable(preparation, RESTORE_VERIFIED)).isEqualTo(true);
        assertThat(upgrades.variable(preparation, BACKUP_LOCATION)).isNotEqualTo(firstBackup);
        assertThat(upgrades.variable(preparation, PREPARATION_OUTCOME)).isEqualTo("READY");
    }

    @Test
    void shouldCancelWhenOperationsCannotProduceABackup() throws Exception {
        FileSystemUtils.deleteRecursively(demoTarget.root().resolve("billing-portal-fra-1/data"));
        ProcessInstance preparation = start("billing-portal", "4.9.0", true, false, false);
        upgrades.complete("olga", preparation, Elements.PLAN_ROLLBACK, values());
        upgrades.runJobs(preparation);

        assertThat(preparation).isWaitingAt(Elements.RESOLVE_BACKUP_PROBLEM);
        assertThat(upgrades.variable(preparation, BACKUP_VERIFIED)).isEqualTo(false);
        assertThat(upgrades.variable(preparation, BACKUP_SUMMARY))
                .startsWith("Backup failed on billing-portal-fra-1").contains("is not a provisioned demo node");
        upgrades.complete("oscar", preparation, Elements.RESOLVE_BACKUP_PROBLEM, values("backupProblemDecision", "CANCEL"));

        assertThat(preparation).isEnded().hasPassed(Elements.CANCELLED_WITHOUT_BACKUP)
                .hasNotPassed(Elements.REHEARSE_UPGRADE);
        assertThat(upgrades.variable(preparation, PREPARATION_OUTCOME)).isEqualTo("CANCEL");
    }

    @Test
    void shouldStopAtAFailedCoreCheckRollBackAndLetTheRequesterReplan() throws Exception {
        Path testNode = demoTarget.root().resolve("billing-portal-test-1");
        Files.writeString(testNode.resolve("data/invoices.csv"), "3001;truncated row\n", StandardOpenOption.APPEND);
        ProcessInstance preparation = start("billing-portal", "4.9.0", true, false, false);
        upgrades.complete("olga", preparation, Elements.PLAN_ROLLBACK, values());
        upgrades.runJobs(preparation);

        assertThat(preparation).isWaitingAt(Elements.REVIEW_FAILED_REHEARSAL);
        assertThat(upgrades.task(preparation, Elements.REVIEW_FAILED_REHEARSAL).getAssignee()).isEqualTo("rita");
        assertThat(upgrades.variable(preparation, REHEARSAL_PASSED)).isEqualTo(false);
        assertThat(upgrades.variable(preparation, ACCEPTANCE_SUMMARY))
                .contains("CORE Invoices readable FAILED", "remaining checks not run after a core failure")
                .doesNotContain("Service answers");
        assertThat(upgrades.variable(preparation, PERFORMANCE_SUMMARY)).contains("not measured");
        assertThat(upgrades.variable(preparation, REHEARSAL_SUMMARY)).startsWith("Rehearsal FAILED")
                .contains("rolled back to 4.8.2");
        // the rollback rehearsal still ran: the test node is back on its release
        assertThat(Files.readSymbolicLink(testNode.resolve("current"))).isEqualTo(Path.of("releases/4.8.2"));
        assertThat(Files.readAllLines(testNode.resolve("data/invoices.csv")).get(0)).isEqualTo("id;customer;amount_cents");

        upgrades.complete("rita", preparation, Elements.REVIEW_FAILED_REHEARSAL, values("rehearsalReviewDecision", "REPLAN"));

        assertThat(preparation).isEnded().hasPassed(Elements.REPLAN_END);
        assertThat(upgrades.variable(preparation, PREPARATION_OUTCOME)).isEqualTo("REPLAN");
    }

    @Test
    void shouldTreatAMissingPilotNodeAsAFailedRehearsalAndLetTheRequesterCancel() {
        // billing-portal has test nodes but no pilot node
        ProcessInstance preparation = start("billing-portal", "4.9.0", false, true, false);
        upgrades.complete("olga", preparation, Elements.PLAN_ROLLBACK, values());
        upgrades.runJobs(preparation);

        assertThat(preparation).isWaitingAt(Elements.REVIEW_FAILED_REHEARSAL);
        assertThat(upgrades.variable(preparation, REHEARSAL_SUMMARY))
                .contains("No PILOT node for billing-portal", "a pilot run is required");
        assertThat(upgrades.variable(preparation, REHEARSAL_NODES)).isEqualTo("");
        upgrades.complete("rita", preparation, Elements.REVIEW_FAILED_REHEARSAL, values("rehearsalReviewDecision", "CANCEL"));

        assertThat(preparation).isEnded().hasPassed(Elements.CANCELLED_AFTER_REHEARSAL);
        assertThat(upgrades.variable(preparation, PREPARATION_OUTCOME)).isEqualTo("CANCEL");
    }

    @Test
    void shouldRehearseOnThePilotNodeWhenAPilotRunIsRequired() {
        ProcessInstance preparation = start("billing-db", "16.4", false, true, false);
        upgrades.complete("olga", preparation, Elements.PLAN_ROLLBACK, values());
        upgrades.runJobs(preparation);

        assertThat(preparation).isEnded().hasPassed(Elements.REHEARSE_UPGRADE, Elements.READY_END);
        assertThat(upgrades.variable(preparation, REHEARSAL_NODES)).isEqualTo("billing-db-pilot-1");
    }

    @Test
    void shouldValidateTheRollbackPlanAndMakeAnIrreversibleMigrationForwardFixOnly() {
        ProcessInstance preparation = start("billing-db", "16.4", false, false, true);
        Task plan = upgrades.task(preparation, Elements.PLAN_ROLLBACK);
        assertThat(upgrades.variable(preparation, FORWARD_FIX_ONLY)).isEqualTo(true);
        assertThat(upgrades.variable(preparation, ROLLBACK_AUTOMATIC)).isEqualTo(false);
        assertThat(upgrades.variable(preparation, ROLLBACK_STEPS)).startsWith("Forward fix only").contains("restore.sh");

        assertThatThrownBy(() -> upgrades.complete("olga", plan, values("rollbackTriggers", " ",
                "rollbackTimeMinutes", 0, "rollbackDecisionOwner", "Billing Owners")))
                .hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("rollbackDecisionOwner").hasMessageContaining("rollbackTriggers")
                .hasMessageContaining("rollbackTimeMinutes");
        assertThatThrownBy(() -> upgrades.complete("olga", plan, values("rollbackAutomatic", true,
                "rollbackDecisionOwner", "billing-owners", "rollbackTriggers", "core check fails",
                "rollbackTimeMinutes", 30)))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("forward fix only");

        upgrades.complete("olga", plan, values("rollbackAutomatic", false, "forwardFixOnly", false,
                "rollbackDecisionOwner", "billing-owners", "rollbackTriggers", "core check fails",
                "rollbackTimeMinutes", 30));

        assertThat(upgrades.variable(preparation, FORWARD_FIX_ONLY)).isEqualTo(true);
        assertThat(upgrades.variable(preparation, ROLLBACK_PLAN_SUMMARY)).startsWith("FORWARD FIX ONLY");
        assertThat(preparation).isWaitingAt(Elements.TAKE_AND_TEST_BACKUP);
    }

    private ProcessInstance start(String systemId, String targetVersion, boolean rehearsalRequired,
                                  boolean pilotRequired, boolean irreversibleMigration) {
        String upgradeId = "UPG-PREP-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        Map<String, Object> variables = values("upgradeId", upgradeId, "requester", "rita", "systemId", systemId,
                "systemName", systemId, "currentVersion", "current", "targetVersion", targetVersion,
                "ownerGroup", systemId.equals("billing-db") ? "billing-owners"
                        : systemId.equals("billing-portal") ? "portal-owners" : "reporting-owners",
                "tier", 2, "riskLevel", "HIGH", "rehearsalRequired", rehearsalRequired, "pilotRequired", pilotRequired,
                "dataMigration", true, "irreversibleMigration", irreversibleMigration,
                "upgradeTitle", upgradeId + ": " + systemId + " → " + targetVersion, "taskPriority", 50);
        return engine.getRuntimeService().startProcessInstanceByKey(UpgradePreparationProcess.KEY, upgradeId, variables);
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
