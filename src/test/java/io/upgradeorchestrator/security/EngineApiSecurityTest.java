package io.upgradeorchestrator.security;

import static io.upgradeorchestrator.testing.Upgrades.request;
import static io.upgradeorchestrator.testing.Upgrades.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.approval.ApprovalVariables;
import io.upgradeorchestrator.request.RequestVariables;
import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;
import io.upgradeorchestrator.testing.WebappSession;

/**
 * The engine's REST API as a clever insider with a demo account would use it, against the running application:
 * every way to start, read, change or decide an upgrade that the product's own paths do not offer is refused
 * with a 4xx a person can read, and nothing changes. carl requests the upgrades here: he is a change manager too,
 * so he is exactly the person four-eyes is about.
 */
@ProcessTest
class EngineApiSecurityTest {

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        upgrades.freshDemoTarget();
    }

    @AfterEach
    void resetClock() {
        upgrades.resetClock();
    }

    // --- starting ----------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseAStartThatNamesSomeoneElseAsRequesterOrPresetsADecision() {
        long before = upgradeCount();

        Http.Reply forged = startOverRest("carl", Map.of("requester", "cora"), null);
        Http.Reply preset = startOverRest("carl", Map.of("approvalOutcome", "APPROVED", "backupVerified", true), null);

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().get("message").asText()).contains("not accepted: requester");
        assertThat(preset.status()).isEqualTo(400);
        assertThat(preset.json().get("message").asText()).contains("not accepted: approvalOutcome, backupVerified");
        assertThat(upgradeCount()).isEqualTo(before);
    }

    @Test
    void shouldGiveAnUpgradeStartedOverTheEngineApiAServerSetIdAndRequester() {
        Http.Reply started = startOverRest("carl", Map.of(), null);

        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String id = started.json().get("businessKey").asText();
        assertThat(id).matches("UPG-\\d{4}-\\d{4,}");
        JsonNode view = http.get("carl", "/api/upgrades/" + id).json();
        assertThat(view.get("requester").asText()).isEqualTo("carl");
    }

    @Test
    void shouldRefuseBusinessKeysThatArePathsOrAnotherUpgradesId() {
        String existing = startOverRest("carl", Map.of(), null).json().get("businessKey").asText();
        long before = upgradeCount();

        Http.Reply path = startOverRest("carl", Map.of(), "../../../tmp/evil");
        Http.Reply duplicate = startOverRest("carl", Map.of(), existing);
        Http.Reply unissued = startOverRest("carl", Map.of(), "UPG-2026-9999");

        assertThat(path.status()).isEqualTo(400);
        assertThat(path.json().get("message").asText()).contains("is not an upgrade id");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("message").asText()).contains("was not issued to carl or is already in use");
        assertThat(unissued.status()).isEqualTo(400);
        assertThat(upgradeCount()).isEqualTo(before);
        assertThat(http.get("carl", "/api/upgrades/" + existing).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseToStartAnUpgradeHalfWayThrough() {
        long before = upgradeCount();
        Map<String, Object> body = Map.of("variables", variables(Map.of()), "startInstructions",
                List.of(Map.of("type", "startBeforeActivity", "activityId", "CallActivity_ChangeSystem")));

        Http.Reply reply = http.post("carl", "/engine-rest/process-definition/key/systemUpgrade/start", Http.json(body));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("message").asText()).contains("cannot start a process at chosen activities");
        assertThat(upgradeCount()).isEqualTo(before);
    }

    @Test
    void shouldRefuseToRestartOrSubmitAroundTheStartGuard() {
        String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("systemUpgrade").latestVersion().singleResult().getId();
        String ended = startOverRest("carl", Map.of(), null).json().get("id").asText();
        engine.getRuntimeService().deleteProcessInstance(ended, "cancelled for the test");
        long before = upgradeCount();

        Http.Reply restart = http.post("carl", "/engine-rest/process-definition/" + definitionId + "/restart",
                Http.json(Map.of("processInstanceIds", List.of(ended), "skipCustomListeners", true,
                        "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "CallActivity_ChangeSystem")))));
        Http.Reply submit = http.post("carl", "/engine-rest/process-definition/key/systemUpgrade/submit-form",
                Http.json(Map.of("variables", variables(Map.of("requester", "cora")))));

        assertThat(restart.status()).isEqualTo(403);
        assertThat(submit.status()).isEqualTo(400);
        assertThat(submit.json().get("message").asText()).contains("not accepted: requester");
        assertThat(upgradeCount()).isEqualTo(before);
    }

    @Test
    void shouldRefuseToStartAPhaseOnItsOwnEvenForTheAdmin() {
        Http.Reply byRequester = http.post("carl", "/engine-rest/process-definition/key/upgradeExecution/start",
                Http.json(Map.of("variables", Map.of())));
        Http.Reply byAdmin = http.post("admin", "/engine-rest/process-definition/key/upgradeExecution/start",
                Http.json(Map.of("variables", Map.of())));

        assertThat(byRequester.status()).isEqualTo(403);
        assertThat(byAdmin.status()).isEqualTo(403);
        assertThat(byAdmin.json().get("message").asText()).contains("runs only as a phase of a System upgrade");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("upgradeExecution").startedBy("admin").count()).isZero();
    }

    // --- approving your own upgrade -----------------------------------------------------------------------------

    @Test
    void shouldNeitherShowNorGiveTheRequesterTheApprovalOfTheirOwnUpgradeByAnyPath() {
        ProcessInstance upgrade = upgradeWaitingForApproval("carl");
        String id = upgrades.businessKey(upgrade);
        String approvalId = upgrades.task(upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE).getId();
        String decision = Http.json(Map.of("variables", Map.of("decision", Map.of("value", "APPROVE"))));

        assertThat(http.get("carl", "/engine-rest/task?processInstanceBusinessKey=" + id).json()).isEmpty();
        assertThat(http.get("carl", "/engine-rest/task/" + approvalId).status()).isEqualTo(404);
        assertThat(http.post("carl", "/engine-rest/task/" + approvalId + "/claim",
                Http.json(Map.of("userId", "carl"))).status()).isEqualTo(403);
        assertThat(http.post("carl", "/engine-rest/task/" + approvalId + "/submit-form", decision).status()).isEqualTo(403);
        assertThat(http.post("carl", "/engine-rest/task/" + approvalId + "/complete", decision).status()).isEqualTo(403);
        assertThat(http.post("carl", "/engine-rest/task/" + approvalId + "/resolve", decision).status()).isEqualTo(403);
        assertThat(http.post("carl", "/engine-rest/task/" + approvalId + "/assignee",
                Http.json(Map.of("userId", "carl"))).status()).isEqualTo(403);
        // Tasklist's own copy of the REST API, with a logged-in session, is the same engine with the same rules
        WebappSession tasklist = WebappSession.login(port, "carl", "test-secret");
        assertThat(tasklist.postToEngine("task/" + approvalId + "/submit-form", decision).status()).isEqualTo(403);
        assertThat(approvalOutcome(upgrade)).isEqualTo("PENDING");
    }

    @Test
    void shouldLetACandidateCompleteWithTheFormsFieldsOnly() {
        ProcessInstance upgrade = upgradeWaitingForApproval("carl");
        String approvalId = upgrades.task(upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE).getId();
        String path = "/engine-rest/task/" + approvalId;
        http.post("cora", path + "/claim", Http.json(Map.of("userId", "cora")));

        Http.Reply rewrite = http.put("cora", path + "/variables/requester", Http.json(Map.of("value", "cora")));
        Http.Reply local = http.put("cora", path + "/localVariables/requester", Http.json(Map.of("value", "cora")));
        Http.Reply modifications = http.post("cora", path + "/variables",
                Http.json(Map.of("modifications", Map.of("backupVerified", Map.of("value", true)))));
        Http.Reply smuggled = http.post("cora", path + "/submit-form", Http.json(Map.of("variables", Map.of(
                "decision", Map.of("value", "REJECT"), "decisionComment", Map.of("value", "no"),
                "finalBackupVerified", Map.of("value", true)))));
        Http.Reply error = http.post("cora", path + "/bpmnError", Http.json(Map.of("errorCode", "ANY")));
        Http.Reply escalation = http.post("cora", path + "/bpmnEscalation", Http.json(Map.of("escalationCode", "UPGRADE_DEFERRED")));
        Http.Reply handOver = http.post("cora", path + "/assignee", Http.json(Map.of("userId", "carl")));
        Http.Reply addCandidate = http.post("cora", path + "/identity-links",
                Http.json(Map.of("userId", "carl", "type", "candidate")));
        Http.Reply delegate = http.post("cora", path + "/delegate", Http.json(Map.of("userId", "carl")));

        assertThat(List.of(rewrite, local, modifications, smuggled, error, escalation, handOver, addCandidate, delegate))
                .allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isEqualTo(403));
        assertThat(smuggled.json().get("message").asText()).contains("not accepted: finalBackupVerified");
        assertThat(error.json().get("message").asText()).contains("complete the task with its form");
        assertThat(engine.getTaskService().createTaskQuery().taskId(approvalId).count()).isEqualTo(1);

        // the form's read-only requester field is shown, never written back
        Http.Reply approved = http.post("cora", path + "/submit-form", Http.json(Map.of("variables", Map.of(
                "decision", Map.of("value", "APPROVE"), "requester", Map.of("value", "cora")))));
        assertThat(approved.status()).as(approved.body()).isEqualTo(204);
        assertThat(upgrades.variable(upgrade, "requester")).isEqualTo("carl");
        assertThat(approvalOutcome(upgrade)).isEqualTo("APPROVED");
    }

    // --- operations -----------------------------------------------------------------------------------------------

    @Test
    void shouldLetOperationsRetryJobsButNotDecideOrSkipAnApproval() {
        ProcessInstance upgrade = upgradeWaitingForApproval("rita");
        String approvalInstance = upgrades.task(upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE).getProcessInstanceId();
        String approvalId = upgrades.task(upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE).getId();

        Http.Reply setOutcome = http.put("oscar", "/engine-rest/process-instance/" + approvalInstance
                + "/variables/approvalOutcome", Http.json(Map.of("value", "APPROVED")));
        Http.Reply modify = http.post("oscar", "/engine-rest/process-instance/" + upgrade.getId() + "/modification",
                Http.json(Map.of("instructions", List.of(
                        Map.of("type", "cancel", "activityId", "CallActivity_AuthorizeUpgrade"),
                        Map.of("type", "startBeforeActivity", "activityId", "CallActivity_AnnounceUpgrade")))));
        Http.Reply complete = http.post("oscar", "/engine-rest/task/" + approvalId + "/complete",
                Http.json(Map.of("variables", Map.of("decision", Map.of("value", "APPROVE")))));
        Http.Reply suspend = http.put("oscar", "/engine-rest/process-instance/" + upgrade.getId() + "/suspended",
                Http.json(Map.of("suspended", true)));
        Http.Reply delete = http.delete("oscar", "/engine-rest/process-instance/" + upgrade.getId());

        assertThat(List.of(setOutcome, modify, complete, suspend, delete))
                .allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isEqualTo(403));
        assertThat(approvalOutcome(upgrade)).isEqualTo("PENDING");

        // a waiting timer is not theirs to run early or move: that would skip a wait the plan set
        Job reminder = management().createJobQuery().processInstanceId(approvalInstance).timers().list().get(0);
        assertThat(http.post("oscar", "/engine-rest/job/" + reminder.getId() + "/execute", "").status()).isEqualTo(403);
        assertThat(http.put("oscar", "/engine-rest/job/" + reminder.getId() + "/duedate",
                Http.json(Map.of("duedate", "2020-01-01T00:00:00.000+0000"))).status()).isEqualTo(403);

        // what operations are for: a job's retries (here the approval reminder's timer)
        Http.Reply retry = http.put("oscar", "/engine-rest/job/" + reminder.getId() + "/retries",
                Http.json(Map.of("retries", 3)));
        assertThat(retry.status()).as(retry.body()).isEqualTo(204);
    }

    // --- reading --------------------------------------------------------------------------------------------------

    @Test
    void shouldShowARequesterTheirOwnUpgradesOnly() {
        ProcessInstance carls = upgrades.start("carl", request("finance-reports", "8.2.1", "PERFORMANCE"));
        upgrades.runJobs(carls);
        String carlsId = upgrades.businessKey(carls);
        ProcessInstance ritas = upgrades.start("rita", request("finance-reports", "8.2.1", "PERFORMANCE"));
        String ritasId = upgrades.businessKey(ritas);

        assertThat(http.get("rita", "/api/upgrades/" + carlsId).status()).isEqualTo(404);
        assertThat(http.get("rita", "/api/upgrades/" + carlsId + "/summary").status()).isEqualTo(404);
        assertThat(http.get("rita", "/api/upgrades/" + carlsId + "/record").status()).isEqualTo(404);
        assertThat(http.get("rita", "/api/upgrades").json().findValuesAsText("id")).contains(ritasId).doesNotContain(carlsId);
        assertThat(http.get("rita", "/api/upgrades?requester=carl").json()).isEmpty();
        assertThat(http.get("rita", "/engine-rest/process-instance?businessKey=" + carlsId).json()).isEmpty();
        assertThat(http.get("rita", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + carlsId).json()).isEmpty();
        assertThat(http.get("rita", "/engine-rest/variable-instance?processInstanceIdIn=" + carls.getId()).json()).isEmpty();
        assertThat(http.get("rita", "/engine-rest/history/variable-instance?processInstanceId=" + carls.getId()).json()).isEmpty();

        // her own: the view, but not the commands and paths of the summary
        assertThat(http.get("rita", "/api/upgrades/" + ritasId).status()).isEqualTo(200);
        assertThat(http.get("rita", "/api/upgrades/" + ritasId + "/summary").status()).isEqualTo(404);
        // someone asked to act in it sees it (olga reviews carl's business impact); someone else does not
        assertThat(http.get("olga", "/api/upgrades/" + carlsId).status()).isEqualTo(200);
        assertThat(http.get("sam", "/api/upgrades/" + carlsId).status()).isEqualTo(404);
        assertThat(http.get("oscar", "/api/upgrades/" + carlsId + "/summary").status()).isEqualTo(200);

        // the change calendar shows rita what is scheduled, and nothing more
        java.time.Instant windowStart = ((java.util.Date) upgrades.variable(carls, "windowStart")).toInstant();
        Http.Reply calendar = http.get("rita", "/api/change-calendar?from=" + windowStart.minusSeconds(60)
                + "&to=" + windowStart.plusSeconds(60));
        assertThat(calendar.status()).as(calendar.body()).isEqualTo(200);
        JsonNode entry = java.util.stream.StreamSupport.stream(calendar.json().get("upgrades").spliterator(), false)
                .filter(upgrade -> upgrade.get("upgradeId").asText().equals(carlsId)).findFirst().orElseThrow();
        assertThat(entry.fieldNames()).toIterable().containsExactlyInAnyOrder("upgradeId", "systemId", "windowStart", "windowEnd");
        assertThat(http.get("rita", "/api/change-calendar?from=tomorrow").status()).isEqualTo(400);
    }

    @Test
    void shouldRefuseStoredAndAdHocQueryExpressions() {
        Http.Reply filter = http.post("rita", "/engine-rest/filter/create", Http.json(Map.of("resourceType", "Task",
                "name", "mine", "query", Map.of("assigneeExpression", "${''.getClass()}"))));
        Http.Reply adHoc = http.get("rita", "/engine-rest/task?assigneeExpression=%24%7BcurrentUser()%7D");

        assertThat(filter.status()).isEqualTo(403);
        assertThat(adHoc.status()).isEqualTo(400);
    }

    private ProcessInstance upgradeWaitingForApproval(String requester) {
        ProcessInstance upgrade = upgrades.start(requester, request("finance-reports", "8.2.1", "PERFORMANCE"));
        upgrades.runJobs(upgrade);
        upgrades.complete("olga", upgrade, "Task_ReviewBusinessImpact", values("businessImpact", "LOW"));
        upgrades.prepareAndConfirmWindow(upgrade, "olga");
        Task approval = upgrades.task(upgrade, ApprovalVariables.TASK_APPROVE_UPGRADE);
        assertThat(approval).isNotNull();
        return upgrade;
    }

    private Http.Reply startOverRest(String user, Map<String, Object> extra, String businessKey) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("variables", variables(extra));
        if (businessKey != null) {
            body.put("businessKey", businessKey);
        }
        return http.post(user, "/engine-rest/process-definition/key/systemUpgrade/start", Http.json(body));
    }

    private static Map<String, Object> variables(Map<String, Object> extra) {
        Map<String, Object> variables = new java.util.HashMap<>();
        RequestVariables.toVariables(request("finance-reports", "8.2.1", "PERFORMANCE")).forEach((name, value) -> {
            Object plain = value instanceof org.camunda.bpm.engine.variable.value.TypedValue typed ? typed.getValue() : value;
            if (plain != null) {
                variables.put(name, Map.of("value", plain));
            }
        });
        extra.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return variables;
    }

    private Object approvalOutcome(ProcessInstance upgrade) {
        String approvalInstance = history().createHistoricProcessInstanceQuery().superProcessInstanceId(upgrade.getId())
                .processDefinitionKey("upgradeApproval").singleResult().getId();
        return history().createHistoricVariableInstanceQuery().processInstanceId(approvalInstance)
                .variableName("approvalOutcome").singleResult().getValue();
    }

    private long upgradeCount() {
        return history().createHistoricProcessInstanceQuery().processDefinitionKey("systemUpgrade").count();
    }

    private HistoryService history() {
        return engine.getHistoryService();
    }

    private ManagementService management() {
        return engine.getManagementService();
    }
}
