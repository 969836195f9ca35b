package io.upgradeorchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import io.upgradeorchestrator.rollout.NodeBackupsProcess;
import io.upgradeorchestrator.rollout.UpgradeExecutionProcess;
import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.RolloutFacts;
import io.upgradeorchestrator.testing.Upgrades;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepTopics;

/**
 * A runbook-step worker's account (group step-workers, here stepworker) against the running application's
 * /engine-rest, as a remote worker uses it and as someone holding its password might misuse it: it fetches and
 * completes steps, but a completion writes the step's outcome and nothing else, an outcome for another node or with
 * another upgrade's action runs is refused, and every other engine call is refused. Nothing changes on a refusal.
 *
 * <p>In a context of its own (the crash-test system of the steps profile) and without the process test coverage
 * recorder: that recorder reads process definitions under the caller's name, which the worker account may not, and
 * would fail completions that succeed in production (RemoteWorkerTest runs the same way).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "steps"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StepWorkerAccountSecurityTest {

    private static final String WORKER = "stepworker";
    private static final String WORKER_ID = "stepworker-test";
    private static final String ENGINE = "/engine-rest/engine/workersecurity";

    @DynamicPropertySource
    static void ownEngine(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:upgrade-orchestrator-worker-security;DB_CLOSE_DELAY=-1");
        registry.add("camunda.bpm.process-engine-name", () -> "workersecurity");
        // crash-1 stands in Berlin: its steps go to remote workers (runbook.<step>.berlin), crash-2's stay the
        // application's own (plain topics)
        registry.add("upgrade-orchestrator.worker.remote-zones", () -> "berlin");
    }

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;
    @Autowired
    JdbcTemplate jdbc;

    Http http;
    ProcessInstance execution;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @AfterEach
    void cleanUp() {
        if (execution != null && engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(execution.getId()).count() > 0) {
            engine.getRuntimeService().deleteProcessInstance(execution.getId(), "test done");
        }
    }

    @Test
    void shouldLetAWorkerAccountCompleteAStepWithItsOutcomeOnly() {
        String upgradeId = "UPG-WORKER-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        execution = engine.getRuntimeService().startProcessInstanceByKey(UpgradeExecutionProcess.KEY, upgradeId,
                RolloutFacts.lowRisk(upgradeId, "crash-test", "Crash test system", "1.0", 1, 2, 1));
        upgrades.runUntil(execution, NodeBackupsProcess.Elements.BACK_UP_NODE);

        String fetchAndLock = ENGINE + "/external-task/fetchAndLock";
        Http.Reply ownSteps = http.post(WORKER, fetchAndLock, Http.json(Map.of("workerId", WORKER_ID, "maxTasks", 1,
                "topics", List.of(Map.of("topicName", "runbook.backup", "lockDuration", 60000,
                        "businessKey", upgradeId)))));
        Http.Reply otherZone = http.post(WORKER, fetchAndLock, Http.json(Map.of("workerId", WORKER_ID, "maxTasks", 1,
                "topics", List.of(Map.of("topicName", "runbook.backup.munich", "lockDuration", 60000)))));
        Http.Reply otherName = http.post(WORKER, fetchAndLock, Http.json(Map.of("workerId", "vm-orchestrator",
                "maxTasks", 1, "topics", List.of(Map.of("topicName", "runbook.backup.berlin", "lockDuration", 60000)))));
        Http.Reply longLock = http.post(WORKER, fetchAndLock, Http.json(Map.of("workerId", WORKER_ID, "maxTasks", 1,
                "topics", List.of(Map.of("topicName", "runbook.backup.berlin", "lockDuration", 86_400_000)))));
        assertThat(ownSteps.status()).as("the application's own steps (plain topics)").isEqualTo(403);
        assertThat(ownSteps.json().get("message").asText()).contains("its zones only (berlin",
                "not on 'runbook.backup'");
        assertThat(otherZone.status()).as("a zone the orchestrator keeps").isEqualTo(403);
        assertThat(otherName.status()).as("another worker's name").isEqualTo(403);
        assertThat(otherName.json().get("message").asText()).contains("must be 'stepworker' or start with");
        assertThat(longLock.status()).as("a lock of a day").isEqualTo(403);
        assertThat(longLock.json().get("message").asText()).contains("at most 30 minutes");
        Http.Reply everyVariable = http.post(WORKER, fetchAndLock, Http.json(Map.of("workerId", WORKER_ID, "maxTasks",
                1, "topics", List.of(Map.of("topicName", "runbook.backup.berlin", "lockDuration", 60000)))));
        Http.Reply upgradeVariables = http.post(WORKER, fetchAndLock, Http.json(Map.of("workerId", WORKER_ID,
                "maxTasks", 1, "topics", List.of(Map.of("topicName", "runbook.backup.berlin", "lockDuration", 60000,
                        "variables", List.of("stepInput", "requester"))))));
        Http.Reply testingValues = http.post(WORKER, fetchAndLock, Http.json(Map.of("workerId", WORKER_ID,
                "maxTasks", 1, "topics", List.of(Map.of("topicName", "runbook.backup.berlin", "lockDuration", 60000,
                        "variables", List.of("stepInput"), "processVariables", Map.of("requester", "carl"))))));
        assertThat(everyVariable.status()).as("every variable of the step's scopes").isEqualTo(403);
        assertThat(everyVariable.json().get("message").asText()).contains("with their input only", "every variable");
        assertThat(upgradeVariables.status()).as("the upgrade's variables").isEqualTo(403);
        assertThat(upgradeVariables.json().get("message").asText()).contains("[stepInput, requester]");
        assertThat(testingValues.status()).as("a filter that tests a variable's value").isEqualTo(403);

        JsonNode fetched = http.post(WORKER, fetchAndLock, Http.json(Map.of(
                "workerId", WORKER_ID, "maxTasks", 1, "topics", List.of(Map.of("topicName", "runbook.backup.berlin",
                        "lockDuration", 60000, "businessKey", upgradeId, "variables", List.of("stepInput"),
                        "localVariables", true))))).json();
        assertThat(fetched).as("the worker account fetches the step").hasSize(1);
        String stepId = fetched.get(0).get("id").asText();
        StepInput input = StepInput.fromJson(fetched.get(0).get("variables").get("stepInput").get("value").asText());
        String node = input.nodeId();
        String runId = input.runId();
        String complete = ENGINE + "/external-task/" + stepId + "/complete";
        Http.Reply stretched = http.post(WORKER, ENGINE + "/external-task/" + stepId + "/extendLock",
                Http.json(Map.of("workerId", WORKER_ID, "newDuration", 86_400_000)));
        assertThat(stretched.status()).as("extended to a day").isEqualTo(403);
        String ownStep = engine.getExternalTaskService().createExternalTaskQuery().topicName(StepTopics.BACKUP)
                .notLocked().list().get(0).getId();
        engine.getExternalTaskService().lock(ownStep, "vm-orchestrator", 60000);
        Http.Reply unlockOthers = http.post(WORKER, ENGINE + "/external-task/" + ownStep + "/unlock", "");
        assertThat(unlockOthers.status()).as("another worker's step").isEqualTo(403);
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().externalTaskId(ownStep).singleResult()
                .getWorkerId()).isEqualTo("vm-orchestrator");

        Http.Reply processVariable = http.post(WORKER, complete, Http.json(Map.of("workerId", WORKER_ID,
                "variables", Map.of("rollbackAutomatic", Map.of("value", true, "type", "Boolean")))));
        Http.Reply extraLocal = http.post(WORKER, complete, Http.json(Map.of("workerId", WORKER_ID,
                "localVariables", Map.of("stepOutcome", outcome("backup", node, List.of()),
                        "node", Map.of("value", "another-node", "type", "String")))));
        Http.Reply otherNode = http.post(WORKER, complete, Http.json(Map.of("workerId", WORKER_ID,
                "localVariables", Map.of("stepOutcome", outcome("backup", "crash-9", List.of())))));
        Http.Reply otherUpgradesRun = http.post(WORKER, complete, Http.json(Map.of("workerId", WORKER_ID,
                "localVariables", Map.of("stepOutcome", outcome("backup", node, List.of(actionRun(
                        "UPG-2026-0001:run:upgrade:" + node, "UPG-2026-0001", node)))))));
        Http.Reply setVariable = http.put(WORKER, ENGINE + "/process-instance/" + execution.getId()
                + "/variables/rollbackAutomatic", Http.json(Map.of("value", true, "type", "Boolean")));
        Http.Reply readInstances = http.get(WORKER, ENGINE + "/process-instance?businessKey=" + upgradeId);
        Http.Reply adminVariable = http.post("admin", complete, Http.json(Map.of("workerId", WORKER_ID,
                "variables", Map.of("backupVerified", Map.of("value", true, "type", "Boolean")))));
        Http.Reply workerBpmnError = http.post(WORKER, ENGINE + "/external-task/" + stepId + "/bpmnError",
                Http.json(Map.of("workerId", WORKER_ID, "errorCode", "backupFailed")));
        Http.Reply bpmnError = http.post("admin", ENGINE + "/external-task/" + stepId + "/bpmnError",
                Http.json(Map.of("workerId", WORKER_ID, "errorCode", "backupFailed")));

        assertThat(processVariable.status()).isEqualTo(403);
        assertThat(processVariable.json().get("message").asText())
                .contains("only with its outcome (the local variable stepOutcome); not accepted: rollbackAutomatic");
        assertThat(extraLocal.status()).isEqualTo(403);
        assertThat(extraLocal.json().get("message").asText()).contains("not accepted: node");
        assertThat(otherNode.status()).isEqualTo(400);
        assertThat(otherNode.json().get("message").asText()).contains("is refused",
                "outcome of step 'backup' of node crash-9");
        assertThat(otherUpgradesRun.status()).isEqualTo(400);
        assertThat(otherUpgradesRun.json().get("message").asText()).contains("is not one of this step's");
        assertThat(setVariable.status()).isEqualTo(403);
        assertThat(setVariable.json().get("message").asText()).contains("runbook-step worker account");
        assertThat(readInstances.status()).isEqualTo(403);
        assertThat(adminVariable.status()).as("the rule holds for every caller").isEqualTo(403);
        assertThat(adminVariable.json().get("message").asText()).contains("not accepted: backupVerified");
        assertThat(workerBpmnError.status()).isEqualTo(403);
        assertThat(workerBpmnError.json().get("message").asText()).contains("runbook-step worker account");
        assertThat(bpmnError.status()).as("not even the admin ends a step with a BPMN error").isEqualTo(403);
        assertThat(bpmnError.json().get("message").asText()).contains("cannot throw a BPMN error from runbook step");
        assertThat(engine.getRuntimeService().getVariable(execution.getId(), "rollbackAutomatic")).isEqualTo(false);
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().externalTaskId(stepId).count())
                .as("still open after every refusal").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from action_run where idempotency_key like 'UPG-2026-0001:run:%'",
                Integer.class)).isZero();

        String key = upgradeId + ":" + runId + ":final-backup:" + node + ":backup";
        Http.Reply completed = http.post(WORKER, complete, Http.json(Map.of("workerId", WORKER_ID,
                "localVariables", Map.of("stepOutcome", outcome("backup", node, List.of(actionRun(key, upgradeId,
                        node)))))));

        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().externalTaskId(stepId).count()).isZero();
        Map<String, Object> row = jdbc.queryForMap("select backup_verified, backup_summary from rollout_node_result"
                + " where upgrade_id = ? and node_id = ?", upgradeId, node);
        assertThat(row.get("BACKUP_VERIFIED")).isEqualTo(false);
        assertThat((String) row.get("BACKUP_SUMMARY")).isEqualTo(node + ": backup failed: told by the test");
        assertThat(jdbc.queryForObject("select status from action_run where idempotency_key = ?", String.class, key))
                .isEqualTo("FAILED");
    }

    @Test
    void shouldLetAWorkerAccountCompleteOrFailARollbackStepWithItsOutcomeOnly() {
        // the rollback steps are on the perform/record contract too: a worker account may run them, and both its
        // completion and its failure report carry the step's outcome only
        BpmnModelInstance model = Bpmn.createExecutableProcess("workerSecurityRollbackStep").camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("Task_RollBackNode").camundaExternalTask(StepTopics.inZone(StepTopics.ROLLBACK, "berlin"))
                // a step input from the inventory (the probe steps' listener: this test's node has no rollout row)
                .camundaExecutionListenerDelegateExpression("start", "${prepareProbeStep}")
                .endEvent().done();
        String deployment = engine.getRepositoryService().createDeployment()
                .addModelInstance("worker-security-rollback-step.bpmn", model).deploy().getId();
        Authorization grant = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId("step-workers");
        grant.setResource(Resources.PROCESS_DEFINITION);
        grant.setResourceId("workerSecurityRollbackStep");
        grant.addPermission(Permissions.READ_INSTANCE);
        grant.addPermission(Permissions.UPDATE_INSTANCE);
        String grantId = engine.getAuthorizationService().saveAuthorization(grant).getId();
        try {
            String upgradeId = "UPG-WORKER-RB-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
            String instance = engine.getRuntimeService().startProcessInstanceByKey("workerSecurityRollbackStep",
                    upgradeId, Map.of("node", "crash-1", "upgradeId", upgradeId, "systemId", "crash-test")).getId();
            // locked as if the worker had fetched it
            String stepId = engine.getExternalTaskService().createExternalTaskQuery()
                    .topicName(StepTopics.inZone(StepTopics.ROLLBACK, "berlin"))
                    .processInstanceId(instance).singleResult().getId();
            engine.getExternalTaskService().lock(stepId, WORKER_ID, 60000);
            String failure = ENGINE + "/external-task/" + stepId + "/failure";

            Http.Reply failedWithVariable = http.post(WORKER, failure, Http.json(Map.of("workerId", WORKER_ID,
                    "errorMessage", "no", "retries", 1, "retryTimeout", 0,
                    "variables", Map.of("rollbackAutomatic", Map.of("value", true, "type", "Boolean")))));
            Http.Reply failedForOtherNode = http.post(WORKER, failure, Http.json(Map.of("workerId", WORKER_ID,
                    "errorMessage", "no", "retries", 1, "retryTimeout", 0,
                    "localVariables", Map.of("stepOutcome", outcome("rollback", "crash-9", List.of())))));
            Http.Reply completedWithVariable = http.post(WORKER, ENGINE + "/external-task/" + stepId + "/complete",
                    Http.json(Map.of("workerId", WORKER_ID, "variables", Map.of("rollbackAutomatic",
                            Map.of("value", true, "type", "Boolean")))));

            assertThat(failedWithVariable.status()).isEqualTo(403);
            assertThat(failedWithVariable.json().get("message").asText()).contains("report the failure of a runbook"
                    + " step only with its outcome (the local variable stepOutcome); not accepted: rollbackAutomatic");
            assertThat(failedForOtherNode.status()).isEqualTo(400);
            assertThat(failedForOtherNode.json().get("message").asText()).contains("is refused",
                    "outcome of step 'rollback' of node crash-9");
            assertThat(completedWithVariable.status()).isEqualTo(403);
            assertThat(engine.getExternalTaskService().createExternalTaskQuery().externalTaskId(stepId)
                    .singleResult().getRetries()).as("no failure was recorded").isNull();

            Http.Reply completed = http.post(WORKER, ENGINE + "/external-task/" + stepId + "/complete",
                    Http.json(Map.of("workerId", WORKER_ID, "localVariables", Map.of("stepOutcome",
                            outcome("rollback", "crash-1", List.of())))));

            assertThat(completed.status()).as(completed.body()).isEqualTo(204);
            assertThat(engine.getExternalTaskService().createExternalTaskQuery().externalTaskId(stepId).count())
                    .isZero();
        } finally {
            engine.getAuthorizationService().deleteAuthorization(grantId);
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    /** A backup step's outcome as a worker sends it: unverified, with the given action runs. */
    private static Map<String, Object> outcome(String step, String node, List<Map<String, Object>> actions) {
        Map<String, Object> outcome = new java.util.LinkedHashMap<>();
        outcome.put("step", step);
        outcome.put("nodeId", node);
        outcome.put("backup", Map.of("location", "/backups/" + node + ".tar.gz", "verified", false,
                "summary", node + ": backup failed: told by the test"));
        outcome.put("actions", actions);
        return Map.of("type", "Json", "value", Http.json(outcome));
    }

    private static Map<String, Object> actionRun(String key, String upgradeId, String node) {
        Map<String, Object> run = new java.util.LinkedHashMap<>();
        run.put("id", java.util.UUID.randomUUID().toString());
        run.put("idempotencyKey", key);
        run.put("upgradeId", upgradeId);
        run.put("target", node);
        run.put("actionName", "backup");
        run.put("kind", "COMMAND");
        run.put("description", "backup.sh " + node);
        run.put("status", "FAILED");
        run.put("attempts", 1);
        run.put("exitCode", 1);
        run.put("startedAt", "2026-01-01T00:00:00Z");
        run.put("finishedAt", "2026-01-01T00:00:01Z");
        run.put("durationMs", 1000);
        run.put("output", "no space left");
        run.put("omittedBytes", 0);
        run.put("omittedLines", 0);
        run.put("patternCounts", Map.of());
        run.put("summary", "`backup.sh " + node + "` on " + node + " exited 1: no space left");
        return run;
    }
}
