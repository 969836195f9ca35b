package io.upgradeorchestrator.api;

import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_SHA256;
import static io.upgradeorchestrator.backup.BackupVariables.RESTORE_VERIFIED;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_NODES;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_PASSED;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.Mails;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;

/**
 * One upgrade from request to its announcement through the real APIs, as different people: the requester (a
 * change manager too) posts it to /api/upgrades; the system owner reviews the impact and accepts the rollback
 * plan, backup and rehearsal run against the demo target, the on-call roles confirm the window, another change
 * manager approves — all through /engine-rest; the requester's own attempt to approve is refused. Only the job
 * executor is stood in for (the test profile runs jobs step by step); mail goes through a real SMTP server.
 */
@ProcessTest
class UpgradeScenarioTest {

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @LocalServerPort
    int port;
    @Autowired
    Upgrades upgrades;
    @Autowired
    RuntimeService runtimeService;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
        upgrades.freshDemoTarget();
    }

    @Test
    void shouldTakeAnUpgradeFromRequestToItsAnnouncementThroughTheApis() throws Exception {
        // carl requests (he is a change manager too, which must not let him approve his own change)
        Http.Reply created = http.post("carl", "/api/upgrades",
                Http.json(UpgradeApiTest.validRequest("finance-reports", "8.2.1")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        ProcessInstance upgrade = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey("systemUpgrade").singleResult();
        upgrades.runJobs(upgrade);

        // the system owner reviews the business impact in Tasklist (same REST calls)
        JsonNode review = openTask("olga", id, "Task_ReviewBusinessImpact");
        assertThat(review.get("name").asText()).startsWith("Review business impact of " + id);
        assertThat(http.post("olga", "/engine-rest/task/" + review.get("id").asText() + "/claim",
                Http.json(Map.of("userId", "olga"))).status()).isEqualTo(204);
        Http.Reply reviewed = http.post("olga", "/engine-rest/task/" + review.get("id").asText() + "/submit-form",
                Http.json(Map.of("variables", Map.of(
                        "businessImpact", Map.of("value", "MEDIUM"),
                        "impactNotes", Map.of("value", "Month-end reports are late if it fails")))));
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(204);
        upgrades.runJobs(upgrade);

        // the owner accepts the rollback plan prefilled from the runbook; backup and rehearsal run for real
        JsonNode rollbackPlan = openTask("olga", id, "Task_PlanRollback");
        http.post("olga", "/engine-rest/task/" + rollbackPlan.get("id").asText() + "/claim", Http.json(Map.of("userId", "olga")));
        Http.Reply planned = http.post("olga", "/engine-rest/task/" + rollbackPlan.get("id").asText() + "/submit-form",
                Http.json(Map.of("variables", Map.of())));
        assertThat(planned.status()).as(planned.body()).isEqualTo(204);
        upgrades.runJobs(upgrade);
        JsonNode prepared = http.get("carl", "/api/upgrades/" + id).json();
        assertThat(prepared.get("phase").asText()).isEqualTo("WINDOW");
        // medium risk: rehearsed on the test node, which is back on its old release afterwards
        assertThat(upgrades.variable(upgrade, REHEARSAL_PASSED)).isEqualTo(true);
        assertThat(upgrades.variable(upgrade, REHEARSAL_NODES)).isEqualTo("finance-reports-test-1");
        assertThat(Files.readSymbolicLink(upgrades.demoNode("finance-reports-test-1").resolve("current")))
                .isEqualTo(Path.of("releases/8.2.0"));
        assertThat(upgrades.variable(upgrade, RESTORE_VERIFIED)).isEqualTo(true);
        assertThat(upgrades.variable(upgrade, BACKUP_SHA256)).matches("[0-9a-f]{64}");

        // every on-call role confirms it is available in the window
        for (String[] onCall : new String[][] {{"olga", "reporting-owners"}, {"oscar", "operations"}, {"dora", "dba"}}) {
            JsonNode confirmation = http.get(onCall[0], "/engine-rest/task?processInstanceBusinessKey=" + id
                    + "&taskDefinitionKey=Task_ConfirmAvailability&candidateGroup=" + onCall[1]).json().get(0);
            String taskId = confirmation.get("id").asText();
            http.post(onCall[0], "/engine-rest/task/" + taskId + "/claim", Http.json(Map.of("userId", onCall[0])));
            Http.Reply confirmed = http.post(onCall[0], "/engine-rest/task/" + taskId + "/submit-form",
                    Http.json(Map.of("variables", Map.of("available", Map.of("value", true)))));
            assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(204);
        }
        upgrades.runJobs(upgrade);

        // the approval waits for a change manager; carl is one, but his own upgrade's approval is not his to see
        assertThat(http.get("carl", "/engine-rest/task?processInstanceBusinessKey=" + id
                + "&taskDefinitionKey=Task_ApproveUpgrade").json()).isEmpty();
        JsonNode approval = openTask("cora", id, "Task_ApproveUpgrade");
        String approvalId = approval.get("id").asText();
        Http.Reply refused = http.post("carl", "/engine-rest/task/" + approvalId + "/claim",
                Http.json(Map.of("userId", "carl")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asText()).contains("carl");
        Http.Reply refusedCompletion = http.post("carl", "/engine-rest/task/" + approvalId + "/submit-form",
                Http.json(Map.of("variables", Map.of("decision", Map.of("value", "APPROVE")))));
        assertThat(refusedCompletion.status()).isEqualTo(403);

        // a requester who is not an approver does not even see the task
        assertThat(http.get("rita", "/engine-rest/task?processInstanceBusinessKey=" + id).json()).isEmpty();

        // cora approves as change manager, olga as the system's owner (medium risk needs both)
        assertThat(http.post("cora", "/engine-rest/task/" + approvalId + "/claim",
                Http.json(Map.of("userId", "cora"))).status()).isEqualTo(204);
        Http.Reply approved = http.post("cora", "/engine-rest/task/" + approvalId + "/submit-form",
                Http.json(Map.of("variables", Map.of("decision", Map.of("value", "APPROVE")))));
        assertThat(approved.status()).as(approved.body()).isEqualTo(204);
        JsonNode ownerApproval = openTask("olga", id, "Task_ApproveUpgrade");
        http.post("olga", "/engine-rest/task/" + ownerApproval.get("id").asText() + "/claim", Http.json(Map.of("userId", "olga")));
        Http.Reply ownerApproved = http.post("olga", "/engine-rest/task/" + ownerApproval.get("id").asText() + "/submit-form",
                Http.json(Map.of("variables", Map.of("decision", Map.of("value", "APPROVE")))));
        assertThat(ownerApproved.status()).as(ownerApproved.body()).isEqualTo(204);
        upgrades.runJobs(upgrade);

        JsonNode finalState = http.get("carl", "/api/upgrades/" + id).json();
        assertThat(finalState.get("status").asText()).isEqualTo("RUNNING");
        assertThat(finalState.get("phase").asText()).isEqualTo("ANNOUNCE");
        assertThat(finalState.get("approvalOutcome").asText()).isEqualTo("APPROVED");
        assertThat(finalState.get("riskLevel").asText()).isEqualTo("MEDIUM");
        assertThat(finalState.get("openTasks")).isEmpty();
        assertThat(finalState.get("waves")).as("the rollout is planned when the window opens").isEmpty();
        assertThat(mailSubjects()).anyMatch(s -> s.startsWith("Approval needed: " + id))
                .anyMatch(s -> s.startsWith("Approved: " + id))
                .anyMatch(s -> s.startsWith("Planned maintenance: Finance reporting (internal)"));

        // the affected users' invite: a calendar entry for exactly the window
        MimeMessage announcement = Arrays.stream(smtp.getReceivedMessages()).filter(message -> subject(message)
                .startsWith("Planned maintenance")).findFirst().orElseThrow();
        VEvent event = new CalendarBuilder().build(Mails.attachment(announcement, "upgrade.ics"))
                .<VEvent>getComponents(Component.VEVENT).get(0);
        assertThat(event.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo("upgrade-" + id + "@upgrade-orchestrator");
        Date windowStart = upgrades.variable(upgrade, WINDOW_START);
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getValue())
                .isEqualTo(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(windowStart.toInstant()));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode openTask(String user, String upgradeId, String taskDefinitionKey) {
        Http.Reply tasks = http.get(user, "/engine-rest/task?processInstanceBusinessKey=" + upgradeId
                + "&taskDefinitionKey=" + taskDefinitionKey);
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(tasks.json()).as("open %s for %s", taskDefinitionKey, user).hasSize(1);
        return tasks.json().get(0);
    }

    private List<String> mailSubjects() {
        return Arrays.stream(smtp.getReceivedMessages()).map(message -> {
            try {
                return message.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
