package io.upgradeorchestrator.record;

import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.ISSUES_FOUND;
import static io.upgradeorchestrator.record.UpgradeClosureProcess.RECORD_COMPLETED_AT;
import static io.upgradeorchestrator.testing.Upgrades.values;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionRequest;
import io.upgradeorchestrator.action.ActionRunner;
import io.upgradeorchestrator.action.CommandSpec;
import io.upgradeorchestrator.approval.ApprovalEntry;
import io.upgradeorchestrator.approval.ApprovalVariables;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueDecision;
import io.upgradeorchestrator.issues.IssueList;
import io.upgradeorchestrator.issues.IssueSource;
import io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess;
import io.upgradeorchestrator.notification.MailService;
import io.upgradeorchestrator.notification.OutgoingMail;
import io.upgradeorchestrator.record.UpgradeClosureProcess.Elements;
import io.upgradeorchestrator.runbook.RunbookRunner;
import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.ProcessVariables;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;
import io.upgradeorchestrator.variables.Var;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * Every path of "Close upgrade" (upgrade-closure.bpmn), started directly with the variables the main process has
 * at closing: the upgrade record of a completed and of a rolled-back upgrade, checked field by field as JSON and as
 * HTML through the API, the mails (record attached), and the review that completes the record.
 */
@ProcessTest
class UpgradeClosureProcessTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 5000));
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MailService mailService;
    @Autowired
    RunbookRunner runbooks;
    @Autowired
    InventoryService inventory;
    @Autowired
    ActionRunner actions;
    @LocalServerPort
    int port;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        upgrades.freshDemoTarget();
    }

    @Test
    void shouldWriteTheRecordOfACompletedUpgradeTellUsersAndCompleteItWithTheReview() throws Exception {
        String id = newUpgradeId();
        announcedAndChecked(id);
        Map<String, Object> variables = completedUpgrade(id);

        ProcessInstance closure = start(variables);
        assertThat(record(id, "application/json").status()).as("no record before the job ran").isEqualTo(404);
        upgrades.runJobs(closure);

        assertThat(closure).isWaitingAt(Elements.REVIEW_UPGRADE)
                .hasPassed(Elements.WRITE_RECORD, Elements.TELL_USERS, Elements.SEND_RECORD);
        assertThat(engine.getTaskService().getIdentityLinksForTask(upgrades.task(closure, Elements.REVIEW_UPGRADE).getId()))
                .extracting(link -> link.getGroupId()).containsExactly("billing-owners");

        // --- the record as written, through the API, field by field
        Http.Reply reply = record(id, "application/json");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode r = reply.json();
        assertThat(r.get("upgradeId").asText()).isEqualTo(id);
        assertThat(r.get("title").asText()).isEqualTo(id + " Billing DB 15.6 → 16.4");
        assertThat(r.get("closedAs").asText()).isEqualTo("COMPLETED");
        assertThat(r.get("recordStatus").asText()).isEqualTo("WRITTEN");
        assertThat(r.get("reviewedAt").isNull()).isTrue();
        assertThat(r.at("/system/id").asText()).isEqualTo("billing-db");
        assertThat(r.at("/system/name").asText()).isEqualTo("Billing database (PostgreSQL)");
        assertThat(r.at("/system/tier").asInt()).isEqualTo(1);
        assertThat(r.at("/system/ownerGroup").asText()).isEqualTo("billing-owners");
        assertThat(r.at("/versions/old").asText()).isEqualTo("15.5, 15.6");
        assertThat(r.at("/versions/new").asText()).isEqualTo("16.4");
        assertThat(r.at("/versions/runningNow").asText()).isEqualTo("16.4");
        assertThat(r.at("/request/reason").asText()).isEqualTo("SECURITY");
        assertThat(r.at("/request/purpose").asText()).isEqualTo("fix authentication vulnerability in login");
        assertThat(r.at("/request/urgency").asText()).isEqualTo("HIGH");
        assertThat(r.at("/request/changeType").asText()).isEqualTo("NORMAL");
        assertThat(r.at("/request/riskLevel").asText()).isEqualTo("HIGH");
        assertThat(r.at("/request/irreversibleMigration").asBoolean()).isFalse();
        assertThat(r.at("/times/windowStart").asText()).isEqualTo("2030-03-09T06:00:00Z");
        assertThat(r.at("/times/windowEnd").asText()).isEqualTo("2030-03-09T12:00:00Z");
        assertThat(r.at("/times/upgradeStartedAt").asText()).isEqualTo("2030-03-09T06:05:00Z");
        assertThat(r.at("/times/upgradeFinishedAt").asText()).isEqualTo("2030-03-09T07:40:00Z");
        assertThat(r.at("/times/monitoringEndedAt").asText()).isEqualTo("2030-03-11T07:40:00Z");
        assertThat(r.at("/people/requester").asText()).isEqualTo("rita");
        assertThat(r.at("/people/approvers")).hasSize(2);
        assertThat(r.at("/people/approvers/0/approver").asText()).isEqualTo("cora");
        assertThat(r.at("/people/approvers/0/group").asText()).isEqualTo("change-managers");
        assertThat(r.at("/people/approvers/0/decision").asText()).isEqualTo("APPROVE");
        assertThat(r.at("/people/approvers/0/comment").asText()).isEqualTo("backup proof is fine");
        assertThat(r.at("/people/approvers/0/decidedAt").asText()).isEqualTo("2030-03-01T10:00:00Z");
        assertThat(r.at("/people/approvers/1/approver").asText()).isEqualTo("ben");
        assertThat(r.at("/people/approvers/1/group").asText()).isEqualTo("cab");
        assertThat(r.at("/people/impactReviewedBy").asText()).isEqualTo("olga");
        assertThat(r.at("/people/rollbackDecisionOwner").asText()).isEqualTo("billing-owners");
        assertThat(r.at("/people/monitoringDecidedBy").asText()).isEqualTo("oscar");
        assertThat(r.at("/people/rollbackDecidedBy").isNull()).isTrue();
        assertThat(r.at("/backups/readiness/location").asText()).isEqualTo("/backups/" + id + "/billing-db-fra-1.tar.gz");
        assertThat(r.at("/backups/readiness/sizeBytes").asLong()).isEqualTo(40960L);
        assertThat(r.at("/backups/readiness/sha256").asText()).isEqualTo("a".repeat(64));
        assertThat(r.at("/backups/readiness/restoreVerified").asBoolean()).isTrue();
        assertThat(r.at("/backups/final/location").asText()).isEqualTo("/backups/" + id + "/final-billing-db-fra-1.tar.gz");
        assertThat(r.at("/backups/final/sizeBytes").asLong()).isEqualTo(51200L);
        assertThat(r.at("/backups/final/sha256").asText()).isEqualTo("b".repeat(64));
        assertThat(r.at("/backups/final/verified").asBoolean()).isTrue();
        assertThat(r.at("/backups/final/summary").asText()).isEqualTo("final backup verified");
        assertThat(r.at("/changedConfiguration").asText()).isEqualTo("postgresql.conf: shared_buffers 4GB → 8GB");
        assertThat(r.at("/tests/rehearsal").asText()).isEqualTo("Rehearsal PASSED on test node(s) billing-db-test-1");
        assertThat(r.at("/tests/rehearsalUpgradeMinutes").asInt()).isEqualTo(3);
        assertThat(r.at("/tests/rehearsalRollbackMinutes").asInt()).isEqualTo(2);
        assertThat(r.at("/tests/acceptance").asText()).isEqualTo("CORE Invoices readable passed");
        assertThat(r.at("/tests/performance").asText()).isEqualTo("Health answer: 12 ms median — ok");
        assertThat(r.at("/tests/baseline").asText()).isEqualTo("Health answer 12 ms, 0 % errors");
        assertThat(r.at("/tests/baselineProbes/0/name").asText()).isEqualTo("Health answer");
        assertThat(r.at("/tests/baselineProbes/0/latencyMillis").asLong()).isEqualTo(12);
        assertThat(r.at("/acceptance/verificationPassed").asBoolean()).isTrue();
        assertThat(r.at("/acceptance/verificationSummary").asText()).isEqualTo("all core checks passed");
        assertThat(r.at("/acceptance/logReviewSummary").asText()).isEqualTo("no errors since window start");
        assertThat(r.at("/acceptance/manualCheckSummary").asText()).isEqualTo("month-end report checked by olga");
        assertThat(r.at("/rollout/wavesTotal").asInt()).isEqualTo(2);
        assertThat(r.at("/rollout/nodesUpgraded").asInt()).isEqualTo(2);
        assertThat(r.at("/rollout/nodesFailed").asInt()).isZero();
        assertThat(r.at("/rollout/summary").asText()).isEqualTo("2 waves, 2 nodes upgraded");
        assertRolloutNodes(r);
        assertThat(r.at("/monitoring/duration").asText()).isEqualTo("P2D");
        assertThat(r.at("/monitoring/outcome").asText()).isEqualTo("STABLE");
        assertThat(r.at("/monitoring/lastDecision").asText()).isEqualTo("ACCEPT");
        assertThat(r.at("/monitoring/decidedBy").asText()).isEqualTo("oscar");
        assertThat(texts(r.get("issuesFound"))).containsExactly(
                "2030-03-10T08:00:00Z MONITORING_BREACH: Health answer slower — ACCEPT by oscar: within SLA",
                "2030-03-10T09:00:00Z USER_REPORT: export slow — FIX_FORWARD by dora: add index tonight");
        assertThat(texts(r.get("userProblems"))).containsExactly("2030-03-10T08:30:00Z rita (ext. 4711): export slow");
        assertThat(r.get("issues")).hasSize(2);
        assertThat(r.at("/issues/1/at").asText()).isEqualTo("2030-03-10T09:00:00Z");
        assertThat(r.at("/issues/1/source").asText()).isEqualTo("USER_REPORT");
        assertThat(r.at("/issues/1/subject").asText()).isEqualTo("contact ext. 4711");
        assertThat(r.at("/issues/1/what").asText()).isEqualTo("export slow");
        assertThat(r.at("/issues/1/reportedBy").asText()).isEqualTo("rita");
        assertThat(r.at("/issues/1/decision").asText()).isEqualTo("FIX_FORWARD");
        assertThat(r.at("/issues/1/decidedBy").asText()).isEqualTo("dora");
        assertThat(r.at("/issues/1/reason").asText()).isEqualTo("add index tonight");
        assertThat(r.at("/rollback/status").asText()).isEqualTo("NOT_NEEDED");
        assertThat(r.at("/rollback/rolledBack").isNull()).isTrue();
        assertThat(r.at("/rollback/plan").asText()).isEqualTo("rollback.sh per node, newest first");
        List<String> templates = new ArrayList<>();
        r.get("notifications").forEach(n -> templates.add(n.get("template").asText()));
        assertThat(templates).containsExactly("upgrade-announcement");
        assertThat(r.at("/notifications/0/subject").asText()).startsWith("Planned maintenance: Billing database");
        assertThat(texts(r.at("/notifications/0/recipients"))).containsExactly("billing-users@example.org");
        assertThat(r.get("actions")).hasSize(1);
        assertThat(r.at("/actions/0/action").asText()).isEqualTo("healthCheck");
        assertThat(r.at("/actions/0/target").asText()).isEqualTo("billing-db-fra-1");
        assertThat(r.at("/actions/0/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(r.at("/actions/0/summary").asText()).contains("answered 200");
        assertThat(texts(r.get("followUps"))).containsExactly(
                "Fix forward: 2030-03-10T09:00:00Z USER_REPORT: export slow — FIX_FORWARD by dora: add index tonight");
        assertThat(r.get("lessonsLearned").isNull()).isTrue();

        // --- the same record as a page
        Http.Reply page = record(id, "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Upgrade record " + id, "Billing database (PostgreSQL)", "15.5, 15.6", "16.4",
                "cora", "change-managers", "backup proof is fine", "b".repeat(64), "Not needed",
                "postgresql.conf: shared_buffers 4GB → 8GB", "add index tonight", "upgrade-announcement");

        // --- the mails: users told (no record for them), the team gets the record
        MimeMessage completed = onlyMail("upgrade-completed");
        assertThat(completed.getSubject()).isEqualTo("Billing database (PostgreSQL) is available again");
        assertThat(recipients(completed)).contains("billing-users@example.org", "finance-operations@example.org",
                "service-desk@example.org", "portal-users@example.org", "controlling@example.org");
        String completedText = text(completed);
        assertThat(completedText).contains("now on version 16.4", "Version 16.4 replaces 15.5, 15.6",
                "Configuration: postgresql.conf: shared_buffers 4GB → 8GB",
                "MONITORING_BREACH: Health answer slower (accepted for now)",
                "USER_REPORT: export slow (a fix is on its way)");
        assertThat(completedText).as("who decided stays internal").doesNotContain("oscar", "by dora");
        assertThat(attachments(completed)).isEmpty();

        MimeMessage closed = onlyMail("upgrade-closed");
        assertThat(closed.getSubject()).isEqualTo("Upgrade " + id + " closed: Billing database (PostgreSQL) upgraded");
        assertThat(recipients(closed)).containsExactlyInAnyOrder("rita@example.org", "dora@example.org", "olga@example.org");
        Map<String, String> attached = attachments(closed);
        assertThat(attached).containsOnlyKeys("upgrade-record-" + id + ".html");
        assertThat(attached.get("upgrade-record-" + id + ".html")).contains("Upgrade record " + id, "cora", "Not needed");

        // --- the review completes the record
        assertThatThrownBy(() -> upgrades.complete("olga", closure, Elements.REVIEW_UPGRADE, values("lessonsLearned", " ")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("lessonsLearned");
        // an operator changes a variable through the engine's API: on record as their act
        upgrades.as("admin", () -> {
            engine.getRuntimeService().setVariable(closure.getId(), "operatorNote", "record checked before review");
            return null;
        });
        upgrades.complete("olga", closure, Elements.REVIEW_UPGRADE, values(
                "lessonsLearned", "The rehearsal on the test node predicted the timing well.",
                "followUps", "Add the export query to the acceptance checks (dora, next sprint)"));
        upgrades.runJobs(closure);

        assertThat(closure).isEnded().hasPassed(Elements.COMPLETE_RECORD, Elements.RECORD_COMPLETED);
        JsonNode reviewed = record(id, "application/json").json();
        assertThat(reviewed.get("recordStatus").asText()).isEqualTo("REVIEWED");
        assertThat(reviewed.get("reviewedAt").isNull()).isFalse();
        assertThat(reviewed.get("writtenAt").asText()).isEqualTo(r.get("writtenAt").asText());
        assertThat(reviewed.at("/people/reviewedBy").asText()).isEqualTo("olga");
        // the request (no time: this closure was started on its own), the operator, the review, and the user's
        // report, which the test's facts place in 2030
        assertThat(acts(reviewed)).containsExactly("REQUESTED rita", "OPERATOR_ACTION admin", "REVIEWED_UPGRADE olga",
                "REPORTED_PROBLEM rita");
        assertThat(reviewed.at("/people/acts/1/what").asText()).startsWith("SetVariable of variable operatorNote");
        assertThat(reviewed.at("/people/acts/2/what").asText()).isEqualTo("Review upgrade " + id + " Billing DB 15.6 → 16.4");
        assertThat(reviewed.at("/people/acts/2/at").asText()).isNotBlank();
        assertThat(reviewed.at("/people/acts/3/at").asText()).isEqualTo("2030-03-10T09:00:00Z");
        assertThat(reviewed.at("/people/acts/3/what").asText()).isEqualTo("export slow");
        assertThat(reviewed.get("lessonsLearned").asText())
                .isEqualTo("The rehearsal on the test node predicted the timing well.");
        assertThat(texts(reviewed.get("followUps"))).containsExactly(
                "Fix forward: 2030-03-10T09:00:00Z USER_REPORT: export slow — FIX_FORWARD by dora: add index tonight",
                "Add the export query to the acceptance checks (dora, next sprint)");
        List<String> sent = new ArrayList<>();
        reviewed.get("notifications").forEach(n -> sent.add(n.get("template").asText()));
        assertThat(sent).containsExactly("upgrade-announcement", "upgrade-completed", "upgrade-closed");
        assertThat(texts(reviewed.at("/notifications/2/attachments"))).containsExactly("upgrade-record-" + id + ".html");
        assertThat(upgrades.variable(closure, RECORD_COMPLETED_AT)).isNotNull();
    }

    @Test
    void shouldWriteTheRecordOfARolledBackUpgradeWithoutTellingUsersAgain() throws Exception {
        String id = newUpgradeId();
        Map<String, Object> variables = completedUpgrade(id);
        variables.put("closeAs", "ROLLED_BACK");
        variables.put("monitoringOutcome", "ROLL_BACK");
        variables.put("monitoringDecision", "ROLL_BACK");
        variables.put("rollbackTrigger", "MONITORING_BREACH");
        variables.put("rollbackTriggerDetail", "Health answer on billing-db-fra-1: error rate 100 % — roll back decided by oscar");
        variables.put("rollbackDecision", "ROLL_BACK");
        variables.put("rollbackDecidedBy", "oscar");
        variables.put("rollbackSummary", "2 nodes rolled back in reverse order, health shows 15.6 and 15.5 again");
        variables.put("rolledBack", true);
        variables.put("dataRestored", false);
        variables.put("monitoringIssues", monitoringIssues(new Issue(Instant.parse("2030-03-10T08:00:00Z"),
                IssueSource.MONITORING_BREACH, "Health answer", "Health answer on billing-db-fra-1: error rate 100 %",
                "monitoring probe", IssueDecision.ROLL_BACK, "oscar", "invoices cannot be opened")));

        ProcessInstance closure = start(variables);
        upgrades.runJobs(closure);

        assertThat(closure).isWaitingAt(Elements.REVIEW_UPGRADE).hasPassed(Elements.SEND_RECORD)
                .hasNotPassed(Elements.TELL_USERS);
        JsonNode r = record(id, "application/json").json();
        assertThat(r.get("closedAs").asText()).isEqualTo("ROLLED_BACK");
        assertThat(r.at("/versions/old").asText()).isEqualTo("15.5, 15.6");
        assertThat(r.at("/versions/new").asText()).isEqualTo("16.4");
        assertThat(r.at("/versions/runningNow").asText()).isEqualTo("15.5, 15.6");
        assertThat(r.at("/monitoring/outcome").asText()).isEqualTo("ROLL_BACK");
        assertThat(r.at("/rollback/status").asText()).isEqualTo("ROLLED_BACK");
        assertThat(r.at("/rollback/trigger").asText()).isEqualTo("MONITORING_BREACH");
        assertThat(r.at("/rollback/triggerDetail").asText())
                .isEqualTo("Health answer on billing-db-fra-1: error rate 100 % — roll back decided by oscar");
        assertThat(r.at("/rollback/decision").asText()).isEqualTo("ROLL_BACK");
        assertThat(r.at("/rollback/decidedBy").asText()).isEqualTo("oscar");
        assertThat(r.at("/rollback/summary").asText())
                .isEqualTo("2 nodes rolled back in reverse order, health shows 15.6 and 15.5 again");
        assertThat(r.at("/rollback/rolledBack").asBoolean()).isTrue();
        assertThat(r.at("/rollback/dataRestored").asBoolean()).isFalse();
        assertThat(r.at("/people/rollbackDecidedBy").asText()).isEqualTo("oscar");
        assertThat(r.at("/backups/final/sha256").asText()).isEqualTo("b".repeat(64));
        assertThat(texts(r.get("issuesFound"))).containsExactly("2030-03-10T08:00:00Z MONITORING_BREACH: Health answer"
                + " on billing-db-fra-1: error rate 100 % — ROLL_BACK by oscar: invoices cannot be opened");
        assertThat(r.get("issues")).hasSize(1);
        assertThat(r.at("/issues/0/source").asText()).isEqualTo("MONITORING_BREACH");
        assertThat(r.at("/issues/0/decision").asText()).isEqualTo("ROLL_BACK");
        assertThat(r.at("/issues/0/decidedBy").asText()).isEqualTo("oscar");
        assertThat(texts(r.get("followUps"))).containsExactly("Find the cause of the rollback and re-plan the upgrade"
                + " to 16.4 (Health answer on billing-db-fra-1: error rate 100 % — roll back decided by oscar)");
        assertThat(r.get("notifications")).isEmpty();

        assertThat(distinctTemplates()).containsExactly("upgrade-closed");
        MimeMessage closed = onlyMail("upgrade-closed");
        assertThat(closed.getSubject()).isEqualTo("Upgrade " + id + " closed: Billing database (PostgreSQL) rolled back");
        assertThat(text(closed)).contains("was rolled back; the system runs 15.5, 15.6 again",
                "The affected users have been told");
        assertThat(attachments(closed).get("upgrade-record-" + id + ".html")).contains("Rolled back", "Monitoring breach");

        Http.Reply page = record(id, "text/html");
        assertThat(page.body()).contains("Rolled back", "2 nodes rolled back in reverse order", "re-plan the upgrade");

        upgrades.complete("dora", closure, Elements.REVIEW_UPGRADE, values(
                "lessonsLearned", "The probe caught the outage within 15 minutes."));
        upgrades.runJobs(closure);
        assertThat(closure).isEnded().hasPassed(Elements.RECORD_COMPLETED);
        JsonNode reviewed = record(id, "application/json").json();
        assertThat(reviewed.get("recordStatus").asText()).isEqualTo("REVIEWED");
        assertThat(reviewed.at("/people/reviewedBy").asText()).isEqualTo("dora");
        assertThat(reviewed.at("/notifications/0/template").asText()).isEqualTo("upgrade-closed");
    }

    /**
     * A canary that failed: the record names the failed node and the failed check (from the action runs) and the
     * rollback trigger with its decision, as data and as lines, on the page too; none of it came from monitoring.
     */
    @Test
    void shouldRecordTheFailedNodeTheFailedCheckAndTheTriggerOfARollbackInTheWindow() throws Exception {
        String id = newUpgradeId();
        ActionContext node = new ActionContext(id, "billing-db", "billing-db-fra-1", null, "15.6", "16.4", null, null);
        assertThat(actions.run(new ActionRequest(id + ":run:upgrade:billing-db-fra-1", id, "billing-db-fra-1", "upgrade",
                CommandSpec.of("false"), node, null)).succeeded()).isFalse();
        assertThat(actions.run(new ActionRequest(id + ":run:acceptance:invoices", id, "billing-db-fra-2",
                "acceptance: Invoices readable", CommandSpec.of("false"), node, null)).succeeded()).isFalse();
        Map<String, Object> variables = completedUpgrade(id);
        for (String monitoring : List.of("monitoringDuration", "monitoringOutcome", "monitoringDecision",
                "monitoringDecidedBy", "monitoringEndedAt", "monitoringIssues", "userProblems")) {
            variables.remove(monitoring);
        }
        variables.put("closeAs", "ROLLED_BACK");
        variables.put("rollbackTrigger", "CANARY_FAILED");
        variables.put("rollbackTriggerDetail", "Canary wave failed: billing-db-fra-1 FAILED");
        variables.put("rollbackDecision", "ROLL_BACK");
        variables.put("rollbackDecidedBy", "automatic (plan)");
        variables.put("rolledBack", true);

        ProcessInstance closure = start(variables);
        upgrades.runJobs(closure);

        JsonNode r = record(id, "application/json").json();
        List<String> sources = new ArrayList<>();
        r.get("issues").forEach(issue -> sources.add(issue.get("source").asText()));
        assertThat(sources).containsExactly("FAILED_NODE", "FAILED_CHECK", "ROLLBACK_TRIGGER");
        assertThat(r.at("/issues/0/subject").asText()).isEqualTo("billing-db-fra-1");
        assertThat(r.at("/issues/0/what").asText()).startsWith("upgrade on billing-db-fra-1 failed");
        assertThat(r.at("/issues/0/reportedBy").asText()).isEqualTo("upgrade step");
        assertThat(r.at("/issues/0/at").asText()).isNotBlank();
        assertThat(r.at("/issues/0/decision").isNull()).as("decided with the trigger").isTrue();
        assertThat(r.at("/issues/1/subject").asText()).isEqualTo("billing-db-fra-2");
        assertThat(r.at("/issues/1/what").asText()).startsWith("acceptance: Invoices readable on billing-db-fra-2 failed");
        assertThat(r.at("/issues/2/subject").asText()).isEqualTo("CANARY_FAILED");
        assertThat(r.at("/issues/2/what").asText()).isEqualTo("Canary wave failed: billing-db-fra-1 FAILED");
        assertThat(r.at("/issues/2/decision").asText()).isEqualTo("ROLL_BACK");
        assertThat(r.at("/issues/2/decidedBy").asText()).isEqualTo("automatic (plan)");
        assertThat(texts(r.get("issuesFound"))).hasSize(3).last().asString()
                .isEqualTo("ROLLBACK_TRIGGER: Canary wave failed: billing-db-fra-1 FAILED — ROLL_BACK by automatic (plan)");
        assertThat(r.at("/people/changeStartedBy/how").asText()).isEqualTo("the window's timer at its time");

        String page = record(id, "text/html").body();
        assertThat(page).contains("Failed node", "upgrade on billing-db-fra-1 failed", "Failed check", "CANARY_FAILED",
                "automatic (plan)", "What each person did");
        assertThat(ProcessVariables.of(engine, upgrades.task(closure, Elements.REVIEW_UPGRADE)).get(ISSUES_FOUND))
                .asString().as("the reviewer sees every issue").contains("FAILED_NODE", "FAILED_CHECK",
                "ROLLBACK_TRIGGER");
        engine.getRuntimeService().deleteProcessInstance(closure.getId(), "test done");
    }

    @Test
    void shouldAnswerRecordRequestsWithProblemDetails() {
        Http http = new Http(port);
        assertThat(http.get(null, "/api/upgrades/UPG-1999-0001/record").status()).isEqualTo(401);
        Http.Reply unknown = record("UPG-1999-0001", "application/json");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(record("UPG-1999-0001", "text/html").status()).isEqualTo(404);
    }

    // --- what the main process has at closing --------------------------------------------------------------

    private Map<String, Object> completedUpgrade(String id) {
        Map<String, Object> v = new HashMap<>();
        v.put("closeAs", "COMPLETED");
        v.put("upgradeId", id);
        v.put("upgradeTitle", id + " Billing DB 15.6 → 16.4");
        v.put("requester", "rita");
        v.put("systemId", "billing-db");
        v.put("systemName", "Billing database (PostgreSQL)");
        v.put("tier", 1);
        v.put("ownerGroup", "billing-owners");
        v.put("currentVersion", "15.5, 15.6");
        v.put("targetVersion", "16.4");
        v.put("reason", "SECURITY");
        v.put("purpose", "fix authentication vulnerability in login");
        v.put("urgency", "HIGH");
        v.put("changeType", "NORMAL");
        v.put("riskLevel", "HIGH");
        v.put("irreversibleMigration", false);
        v.put("taskPriority", 60);
        v.put("windowStart", date("2030-03-09T06:00:00Z"));
        v.put("windowEnd", date("2030-03-09T12:00:00Z"));
        v.put("upgradeStartedAt", date("2030-03-09T06:05:00Z"));
        v.put("upgradeFinishedAt", date("2030-03-09T07:40:00Z"));
        v.put("monitoringEndedAt", date("2030-03-11T07:40:00Z"));
        v.put("approvals", ApprovalVariables.APPROVALS.typed(List.of(
                new ApprovalEntry("cora", "change-managers", "APPROVE", "backup proof is fine", "2030-03-01T10:00:00Z"),
                new ApprovalEntry("ben", "cab", "APPROVE", null, "2030-03-02T10:00:00Z"))));
        v.put("impactReviewedBy", "olga");
        v.put("rollbackDecisionOwner", "billing-owners");
        v.put("rollbackSteps", "rollback.sh per node, newest first");
        v.put("backupLocation", "/backups/" + id + "/billing-db-fra-1.tar.gz");
        v.put("backupSizeBytes", 40960L);
        v.put("backupSha256", "a".repeat(64));
        v.put("restoreVerified", true);
        v.put("finalBackupLocation", "/backups/" + id + "/final-billing-db-fra-1.tar.gz");
        v.put("finalBackupSizeBytes", 51200L);
        v.put("finalBackupSha256", "b".repeat(64));
        v.put("finalBackupVerified", true);
        v.put("finalBackupSummary", "final backup verified");
        v.put("changedConfiguration", "postgresql.conf: shared_buffers 4GB → 8GB");
        v.put("rehearsalSummary", "Rehearsal PASSED on test node(s) billing-db-test-1");
        v.put("rehearsalUpgradeMinutes", 3);
        v.put("rehearsalRollbackMinutes", 2);
        v.put("acceptanceSummary", "CORE Invoices readable passed");
        v.put("performanceSummary", "Health answer: 12 ms median — ok");
        v.put("baselineSummary", "Health answer 12 ms, 0 % errors");
        Map<String, Object> probe = new HashMap<>();
        probe.put("name", "Health answer");
        probe.put("latencyMillis", 12);
        probe.put("errorRatePercent", 0.0);
        v.put("baselineProbes", Var.<Map<String, Object>>list("baselineProbes").typed(List.of(probe)));
        v.put("verificationPassed", true);
        v.put("verificationSummary", "all core checks passed");
        v.put("logReviewSummary", "no errors since window start");
        v.put("manualCheckSummary", "month-end report checked by olga");
        v.put("wavesTotal", 2);
        v.put("nodesUpgraded", 2);
        v.put("nodesFailed", 0);
        v.put("rolloutSummary", "2 waves, 2 nodes upgraded");
        v.put("executionOutcome", "COMPLETED");
        v.put("monitoringDuration", "P2D");
        v.put("monitoringOutcome", "STABLE");
        v.put("monitoringDecision", "ACCEPT");
        v.put("monitoringDecidedBy", "oscar");
        v.put("monitoringIssues", monitoringIssues(
                new Issue(Instant.parse("2030-03-10T08:00:00Z"), IssueSource.MONITORING_BREACH, "Health answer",
                        "Health answer slower", "monitoring probe", IssueDecision.ACCEPT, "oscar", "within SLA"),
                new Issue(Instant.parse("2030-03-10T09:00:00Z"), IssueSource.USER_REPORT, "contact ext. 4711",
                        "export slow", "rita", IssueDecision.FIX_FORWARD, "dora", "add index tonight")));
        v.put("userProblems", "2030-03-10T08:30:00Z rita (ext. 4711): export slow");
        return v;
    }

    /** "ACT who" for each act of a person in the record. */
    private static List<String> acts(JsonNode record) {
        List<String> acts = new ArrayList<>();
        record.at("/people/acts").forEach(a -> acts.add(a.get("act").asText() + " " + a.get("who").asText()));
        return acts;
    }

    private static Object monitoringIssues(Issue... issues) {
        return IssueList.typed(UpgradeMonitoringProcess.MONITORING_ISSUES, List.of(issues));
    }

    /** Things that happened earlier in the upgrade: a mail and an action, recorded by the real services. */
    private void announcedAndChecked(String id) {
        Map<String, Object> model = new HashMap<>();
        model.put("upgradeId", id);
        model.put("systemName", "Billing database (PostgreSQL)");
        model.put("windowStart", "2030-03-09 06:00 UTC");
        mailService.send(new OutgoingMail(List.of("billing-users@example.org"), "upgrade-announcement", model));
        Runbook runbook = inventory.require("billing-db").runbook();
        assertThat(runbooks.run(id + ":test:health", "healthCheck", runbook.healthCheck().action(),
                new ActionContext(id, "billing-db", "billing-db-fra-1", null, "15.6", "16.4", null, null), null)
                .succeeded()).isTrue();
        smtp.reset();
    }

    private ProcessInstance start(Map<String, Object> variables) {
        return upgrades.asApplication(() -> engine.getRuntimeService()
                .createProcessInstanceByKey(UpgradeClosureProcess.KEY)
                .businessKey(UPGRADE_ID.from(variables)).setVariables(variables).execute());
    }

    private void assertRolloutNodes(JsonNode record) {
        Integer tables = jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE"
                + " LOWER(TABLE_NAME) = 'rollout_node_result'", Integer.class);
        if (tables != null && tables > 0) {
            assertThat(record.at("/rollout/nodes").isArray()).isTrue();
        } else {
            assertThat(record.at("/rollout/nodes").isNull()).isTrue();
            assertThat(record.at("/rollout/nodesNote").asText()).contains("not available");
        }
    }

    private Http.Reply record(String id, String accept) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/upgrades/" + id + "/record"))
                    .header("Accept", accept)
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("paula:test-secret".getBytes(StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<String> distinctTemplates() throws Exception {
        Set<String> seen = new HashSet<>();
        List<String> templates = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (seen.add(mail.getMessageID())) {
                templates.add(mail.getHeader("X-Upgrade-Orchestrator-Template")[0]);
            }
        }
        return templates;
    }

    private MimeMessage onlyMail(String template) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (template.equals(mail.getHeader("X-Upgrade-Orchestrator-Template")[0]) && seen.add(mail.getMessageID())) {
                found.add(mail);
            }
        }
        assertThat(found).as("mails of template %s", template).hasSize(1);
        return found.get(0);
    }

    private static List<String> recipients(MimeMessage mail) throws Exception {
        return java.util.Arrays.stream(mail.getAllRecipients()).map(Object::toString).toList();
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return (String) part.getContent();
        }
        StringBuilder text = new StringBuilder();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i)));
            }
        }
        return text.toString();
    }

    private static Map<String, String> attachments(Part part) throws Exception {
        Map<String, String> found = new HashMap<>();
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            part.getDataHandler().writeTo(bytes);
            found.put(part.getFileName(), bytes.toString(StandardCharsets.UTF_8));
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                found.putAll(attachments(body));
            }
        }
        return found;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static Date date(String instant) {
        return Date.from(Instant.parse(instant));
    }

    private static String newUpgradeId() {
        return String.format("UPG-2097-%04d", SEQUENCE.incrementAndGet() % 10000);
    }
}
