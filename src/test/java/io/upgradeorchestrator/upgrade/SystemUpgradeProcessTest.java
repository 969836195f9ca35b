package io.upgradeorchestrator.upgrade;

import static io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess.ANNOUNCEMENT_SENT_TO;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVAL_OUTCOME;
import static io.upgradeorchestrator.approval.ApprovalVariables.DECISION_REASON;
import static io.upgradeorchestrator.assessment.AssessmentVariables.RISK_LEVEL;
import static io.upgradeorchestrator.backup.BackupVariables.RESTORE_VERIFIED;
import static io.upgradeorchestrator.preparation.UpgradePreparationProcess.PREPARATION_OUTCOME;
import static io.upgradeorchestrator.testing.Upgrades.request;
import static io.upgradeorchestrator.testing.Upgrades.values;
import static io.upgradeorchestrator.variables.UpgradeVariables.COMPATIBILITY;
import static io.upgradeorchestrator.variables.UpgradeVariables.COMPATIBILITY_FINDINGS;
import static io.upgradeorchestrator.variables.UpgradeVariables.PHASE;
import static io.upgradeorchestrator.variables.UpgradeVariables.PURPOSE;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.WINDOW_CONFIRMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;

import jakarta.mail.internet.MimeMessage;

/** Every path of the main process, system-upgrade.bpmn, from request to its end. */
@ProcessTest
class SystemUpgradeProcessTest {

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        upgrades.freshDemoTarget();
    }

    @AfterEach
    void resetClock() {
        upgrades.resetClock();
    }

    @Test
    void shouldAnnounceAPreparedApprovedUpgradeAndStartTheChangeWhenTheWindowStarts() throws Exception {
        ProcessInstance upgrade = upgrades.start("rita", request("finance-reports", "8.2.1", "PERFORMANCE"));
        assessWithImpact(upgrade, "olga", "LOW");
        upgrades.prepareAndConfirmWindow(upgrade, "olga");

        assertThat(upgrades.variable(upgrade, RESTORE_VERIFIED)).isEqualTo(true);
        assertThat(upgrades.variable(upgrade, WINDOW_CONFIRMED)).isEqualTo(true);
        upgrades.complete("cora", upgrade, "Task_ApproveUpgrade", values("decision", "APPROVE"));
        upgrades.runJobs(upgrade);
        assertThat(upgrade).isWaitingAt(SystemUpgradeProcess.CALL_ANNOUNCE_UPGRADE);

        upgrades.startWindow(upgrade);

        assertThat(upgrade).hasPassed(SystemUpgradeProcess.CALL_PLAN_AND_REHEARSE, SystemUpgradeProcess.CALL_CONFIRM_WINDOW,
                SystemUpgradeProcess.CALL_ANNOUNCE_UPGRADE).isWaitingAt(SystemUpgradeProcess.CALL_CHANGE_SYSTEM);
        assertThat(upgrades.variable(upgrade, PHASE)).isEqualTo("EXECUTE");
        assertThat(upgrades.variable(upgrade, APPROVAL_OUTCOME)).isEqualTo("APPROVED");
        assertThat(upgrades.variable(upgrade, RISK_LEVEL)).isEqualTo("LOW");
        assertThat(upgrades.businessKey(upgrade)).matches("UPG-\\d{4}-\\d{4}");
        assertThat(recipientsOf("Approval needed")).containsExactly("carl@example.org", "cora@example.org");
        assertThat(recipientsOf("approved")).containsExactly("rita@example.org");
        assertThat(upgrades.variable(upgrade, ANNOUNCEMENT_SENT_TO)).contains("@example.org");
    }

    @Test
    void shouldEndRejectedAndTellTheRequesterWhy() throws Exception {
        ProcessInstance upgrade = upgradeWaitingForApproval();

        upgrades.complete("cora", upgrade, "Task_ApproveUpgrade",
                values("decision", "REJECT", "decisionComment", "Quarter-end reporting freeze"));
        upgrades.runJobs(upgrade);

        assertThat(upgrade).isEnded().hasPassed(SystemUpgradeProcess.END_REJECTED);
        assertThat(upgrades.variable(upgrade, DECISION_REASON)).isEqualTo("Quarter-end reporting freeze");
        MimeMessage rejection = smtp.getReceivedMessagesForDomain("rita@example.org")[0];
        assertThat(rejection.getSubject()).startsWith("Rejected: UPG-");
        assertThat(GreenMailUtil.getBody(rejection)).contains("Quarter-end reporting freeze");
    }

    @Test
    void shouldGoRoundAgainWhenSentBackAndRevised() {
        ProcessInstance upgrade = upgradeWaitingForApproval();

        upgrades.complete("cora", upgrade, "Task_ApproveUpgrade",
                values("decision", "SEND_BACK", "decisionComment", "Explain the performance gain"));
        upgrades.runJobs(upgrade);
        assertThat(upgrade).isWaitingAt(SystemUpgradeProcess.TASK_REVISE_REQUEST);

        upgrades.complete("rita", upgrade, SystemUpgradeProcess.TASK_REVISE_REQUEST,
                values("purpose", "cut report generation time by half for month-end close"));
        assessWithImpact(upgrade, "olga", "LOW");
        upgrades.prepareAndConfirmWindow(upgrade, "olga");

        assertThat(upgrade).isWaitingAt(SystemUpgradeProcess.CALL_AUTHORIZE_UPGRADE)
                .hasPassed(SystemUpgradeProcess.TASK_REVISE_REQUEST);
        assertThat(upgrades.variable(upgrade, PURPOSE)).isEqualTo("cut report generation time by half for month-end close");
    }

    @Test
    void shouldLetTheRequesterCancelAnIncompatibleUpgrade() {
        ProcessInstance upgrade = upgrades.start("rita", request("billing-portal", "5.0.0", "NEW_FEATURES"));
        assessWithImpact(upgrade, "olga", "MEDIUM");

        assertThat(upgrade).isWaitingAt(SystemUpgradeProcess.TASK_REPLAN_OR_CANCEL);
        assertThat(upgrades.variable(upgrade, COMPATIBILITY_FINDINGS))
                .contains("INCOMPATIBLE").contains("Java runtime (Eclipse Temurin) 21.0.2 or later required; inventory has 17.0.10");
        upgrades.complete("rita", upgrade, SystemUpgradeProcess.TASK_REPLAN_OR_CANCEL,
                values("replanDecision", "CANCEL", "targetVersion", "5.0.0"));

        assertThat(upgrade).isEnded().hasPassed(SystemUpgradeProcess.END_CANCELLED);
    }

    @Test
    void shouldCheckAReplannedVersionFromTheStart() {
        ProcessInstance upgrade = upgrades.start("rita", request("billing-portal", "5.0.0", "NEW_FEATURES"));
        assessWithImpact(upgrade, "olga", "MEDIUM");

        upgrades.complete("rita", upgrade, SystemUpgradeProcess.TASK_REPLAN_OR_CANCEL,
                values("replanDecision", "REPLAN", "targetVersion", "4.9.0"));
        assessWithImpact(upgrade, "olga", "MEDIUM");

        assertThat(upgrades.variable(upgrade, COMPATIBILITY)).isEqualTo("COMPATIBLE");
        assertThat(upgrade).isWaitingAt(SystemUpgradeProcess.CALL_PLAN_AND_REHEARSE);
    }

    @Test
    void shouldEndDeferredWhenTheOwnerDefersAnOptionalUpgrade() {
        ProcessInstance upgrade = upgrades.start("rita", request("finance-reports", "8.2.1", "OPTIONAL"));

        upgrades.complete("olga", upgrade, "Task_DecideDeferral",
                values("deferUpgrade", true, "deferralReason", "Wait for the annual audit to finish"));

        assertThat(upgrade).isEnded().hasPassed(SystemUpgradeProcess.END_DEFERRED);
        assertThat(upgrades.variable(upgrade, PHASE)).isEqualTo("DEFERRED");
    }

    @Test
    void shouldStartAgainFromTheRequestWhenTheRehearsalFailsAndTheRequesterReplans() {
        // billing-db needs a pilot run (drift, major version) but the pilot node is broken
        ProcessInstance upgrade = upgrades.start("rita", request("billing-portal", "4.9.0", "PERFORMANCE"));
        assessWithImpact(upgrade, "olga", "MEDIUM");
        breakTestNodeData("billing-portal-test-1");
        upgrades.runJobs(upgrade);
        upgrades.complete("olga", upgrade, "Task_PlanRollback", values());
        upgrades.runJobs(upgrade);

        upgrades.complete("rita", upgrade, "Task_ReviewFailedRehearsal", values("rehearsalReviewDecision", "REPLAN"));

        assertThat(upgrade).hasPassed(SystemUpgradeProcess.CALL_PLAN_AND_REHEARSE);
        assertThat(upgrades.variable(upgrade, PREPARATION_OUTCOME)).isEqualTo("REPLAN");
        assertThat(upgrade).isWaitingAt(SystemUpgradeProcess.CALL_ASSESS_UPGRADE);
    }

    @Test
    void shouldEndCancelledWhenTheRequesterGivesUpAfterAFailedRehearsal() {
        ProcessInstance upgrade = upgrades.start("rita", request("billing-portal", "4.9.0", "PERFORMANCE"));
        assessWithImpact(upgrade, "olga", "MEDIUM");
        breakTestNodeData("billing-portal-test-1");
        upgrades.runJobs(upgrade);
        upgrades.complete("olga", upgrade, "Task_PlanRollback", values());
        upgrades.runJobs(upgrade);

        upgrades.complete("rita", upgrade, "Task_ReviewFailedRehearsal", values("rehearsalReviewDecision", "CANCEL"));

        assertThat(upgrade).isEnded().hasPassed(SystemUpgradeProcess.END_CANCELLED_IN_PREPARATION);
    }

    private ProcessInstance upgradeWaitingForApproval() {
        ProcessInstance upgrade = upgrades.start("rita", request("finance-reports", "8.2.1", "PERFORMANCE"));
        assessWithImpact(upgrade, "olga", "LOW");
        upgrades.prepareAndConfirmWindow(upgrade, "olga");
        return upgrade;
    }

    /** Runs the assessment: inventory snapshot, the owner's impact review, risk and compatibility. */
    private void assessWithImpact(ProcessInstance upgrade, String owner, String impact) {
        upgrades.runJobs(upgrade);
        upgrades.complete(owner, upgrade, "Task_ReviewBusinessImpact",
                values("businessImpact", impact, "impactNotes", "Month-end reporting depends on it"));
        upgrades.runJobs(upgrade);
    }

    /** A truncated row in the test node's data makes the rehearsal's core acceptance check fail. */
    private void breakTestNodeData(String node) {
        try {
            java.nio.file.Files.writeString(upgrades.demoNode(node).resolve("data/invoices.csv"), "3001;truncated row\n",
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> recipientsOf(String subjectPart) {
        // GreenMail keeps one copy per recipient; the distinct recipients are what was addressed.
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().toLowerCase().contains(subjectPart.toLowerCase());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).flatMap(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).map(Object::toString);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).distinct().sorted().toList();
    }
}
