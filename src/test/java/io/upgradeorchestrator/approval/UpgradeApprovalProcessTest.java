package io.upgradeorchestrator.approval;

import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVAL_DUE_DATE;
import static io.upgradeorchestrator.testing.Upgrades.request;
import static io.upgradeorchestrator.testing.Upgrades.values;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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

/** Every path of "Authorize upgrade" (upgrade-approval.bpmn) and the rules of who may approve. */
@ProcessTest
class UpgradeApprovalProcessTest {

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
    void shouldRouteAHighRiskSecurityFixToChangeManagerTwoBoardMembersAndSecurity() {
        ProcessInstance upgrade = upgradeWaitingForApproval("carl", "billing-db", "16.4", "SECURITY_FIX", "HIGH");

        List<Task> approvals = upgrades.tasks(upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE);
        assertThat(approvals).extracting(this::candidateGroup).containsExactlyInAnyOrder(
                "change-managers", "cab", "cab", "security");
        assertThat(approvals.get(0).getName()).matches("Approve UPG-\\d{4}-\\d{4}: Billing database \\(PostgreSQL\\) 15.5, 15.6 → 16.4");
        assertThat(approvals.get(0).getDueDate()).isNotNull();
        assertThat(approvals.get(0).getPriority()).isEqualTo(75);
    }

    @Test
    void shouldNeverLetTheRequesterApproveTheirOwnUpgrade() {
        ProcessInstance upgrade = upgradeWaitingForApproval("carl", "finance-reports", "8.2.1", "PERFORMANCE", "LOW");
        Task approval = upgrades.task(upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE);

        // carl is a change manager, but his own upgrade's approval is neither in his list nor mailed to him
        String upgradeId = upgrades.businessKey(upgrade);
        assertThat(upgrades.as("carl", () -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(upgradeId).list())).isEmpty();
        assertThat(approvalRequestRecipients()).contains("cora@example.org").doesNotContain("carl@example.org");
        // and by its id he may neither claim nor complete it
        assertThatThrownBy(() -> upgrades.as("carl", () -> {
            engine.getTaskService().claim(approval.getId(), "carl");
            return null;
        })).isInstanceOf(AuthorizationException.class).hasMessageContaining("carl");
        assertThatThrownBy(() -> upgrades.as("carl", () -> {
            engine.getTaskService().complete(approval.getId(), values("decision", "APPROVE"));
            return null;
        })).isInstanceOf(AuthorizationException.class).hasMessageContaining("carl");
        // nor may anyone give it to him: the rule speaks for itself
        assertThatThrownBy(() -> engine.getTaskService().setAssignee(approval.getId(), "carl"))
                .hasRootCauseInstanceOf(AuthorizationException.class)
                .hasMessageContaining("carl requested UPG-").hasMessageContaining("cannot approve it");
        // rewriting the requester variable changes nothing: the requester is on record where no variable reaches
        engine.getRuntimeService().setVariable(approval.getProcessInstanceId(), REQUESTER.name(), "cora");
        assertThatThrownBy(() -> engine.getTaskService().setAssignee(approval.getId(), "carl"))
                .hasRootCauseInstanceOf(AuthorizationException.class).hasMessageContaining("carl requested UPG-");
        assertThat(engine.getTaskService().createTaskQuery().taskId(approval.getId()).singleResult().getAssignee()).isNull();
    }

    private List<String> approvalRequestRecipients() {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().toLowerCase().contains("approv");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).flatMap(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).map(Object::toString);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void shouldRequireDistinctPeopleForTwoApprovalsOfTheSameBoard() {
        ProcessInstance upgrade = upgradeWaitingForApproval("rita", "billing-db", "16.4", "PERFORMANCE", "HIGH");
        List<Task> cabApprovals = upgrades.tasks(upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE).stream()
                .filter(task -> candidateGroup(task).equals("cab")).toList();

        upgrades.complete("ben", cabApprovals.get(0), values("decision", "APPROVE"));
        assertThatThrownBy(() -> upgrades.complete("ben", cabApprovals.get(1), values("decision", "APPROVE")))
                .hasRootCauseInstanceOf(AuthorizationException.class)
                .hasMessageContaining("ben has already decided on UPG-").hasMessageContaining("as a member of cab");
        upgrades.complete("bea", cabApprovals.get(1), values("decision", "APPROVE"));

        assertThat(upgrades.tasks(upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE)).extracting(this::candidateGroup)
                .containsExactly("change-managers");
    }

    @Test
    void shouldRefuseAnUnknownDecisionAndARejectionWithoutReason() {
        ProcessInstance upgrade = upgradeWaitingForApproval("rita", "finance-reports", "8.2.1", "PERFORMANCE", "LOW");

        assertThatThrownBy(() -> upgrades.complete("cora", upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE,
                values("decision", "MAYBE"))).hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("decision: unknown value 'MAYBE'");
        assertThatThrownBy(() -> upgrades.complete("cora", upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE,
                values("decision", "REJECT"))).hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("decisionComment");
    }

    @Test
    void shouldRemindApproversHalfwayToTheDeadline() throws Exception {
        ProcessInstance upgrade = upgradeWaitingForApproval("rita", "finance-reports", "8.2.1", "PERFORMANCE", "LOW");
        int before = smtp.getReceivedMessages().length;

        upgrades.passTime(Duration.ofDays(3)); // PERFORMANCE: approval deadline P5D, reminder after P2DT12H
        upgrades.runJobs(upgrade);

        List<String> subjects = subjects();
        assertThat(subjects.subList(before, subjects.size())).anyMatch(s -> s.startsWith("Reminder"));
        assertThat(upgrades.tasks(upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE)).hasSize(1);
    }

    /** The deadline reads as the date it falls on, not as the rule's duration (P5D for a performance upgrade). */
    @Test
    void shouldShowTheApprovalDeadlineAsADate() throws Exception {
        ProcessInstance upgrade = upgradeWaitingForApproval("rita", "finance-reports", "8.2.1", "PERFORMANCE", "LOW");
        // kept in the approval phase's own process instance
        Date due = (Date) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceIdIn(upgrades.instanceIds(upgrade).toArray(String[]::new))
                .variableName(APPROVAL_DUE_DATE.name()).singleResult().getValue();
        String expected = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
                .withZone(ZoneOffset.UTC).format(due.toInstant());

        MimeMessage requested = Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith("Approval needed");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        String body = GreenMailUtil.getBody(requested).replaceAll("=\\r?\\n", "");

        assertThat(body).contains("Decide by", expected).doesNotContain("P5D");
    }

    @Test
    void shouldEscalateAnOverdueApprovalToTheChangeManagers() throws Exception {
        ProcessInstance upgrade = upgradeWaitingForApproval("rita", "finance-reports", "8.2.1", "PERFORMANCE", "LOW");

        upgrades.passTime(Duration.ofDays(6));
        upgrades.runJobs(upgrade);

        Task approval = upgrades.task(upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE);
        assertThat(approval.getPriority()).isEqualTo(EscalateOverdueApproval.ESCALATED_PRIORITY);
        assertThat(Arrays.stream(smtp.getReceivedMessagesForDomain("cora@example.org")).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).anyMatch(subject -> subject.toLowerCase().contains("overdue"));
    }

    private ProcessInstance upgradeWaitingForApproval(String requester, String systemId, String version, String reason,
                                                      String impact) {
        ProcessInstance upgrade = upgrades.start(requester, request(systemId, version, reason));
        upgrades.runJobs(upgrade);
        String owner = "olga";
        upgrades.complete(owner, upgrade, "Task_ReviewBusinessImpact",
                values("businessImpact", impact, "impactNotes", "Invoices stop during the window"));
        upgrades.prepareAndConfirmWindow(upgrade, owner);
        return upgrade;
    }

    private String candidateGroup(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> link.getGroupId() != null).findFirst().orElseThrow().getGroupId();
    }

    private List<String> subjects() {
        return Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
