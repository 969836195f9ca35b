package io.upgradeorchestrator.rulechange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.ProcessTest;

/**
 * Deployments cannot run code, and a rule change takes effect only after a second process owner approves it: over
 * real HTTP as the Modeler deploys, through Java, and at start-up.
 */
@ProcessTest
class RuleChangeDeploymentTest {

    private static final String DEPLOY = "/engine-rest/deployment/create";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    DeploymentGuard guard;

    private Http http() {
        return new Http(port);
    }

    // --- the allow-list, over HTTP ---------------------------------------------------------------------

    @Test
    void shouldRefuseAScriptTask() {
        assertRefused(process("p" + id(), """
                <bpmn:scriptTask id="Task_RunScript" name="Run script" scriptFormat="javascript">
                  <bpmn:script>java.lang.Runtime.getRuntime().exec('touch /tmp/x')</bpmn:script>
                </bpmn:scriptTask>"""), "Task_RunScript", "a script task is not allowed");
    }

    @Test
    void shouldRefuseCamundaClass() {
        assertRefused(process("p" + id(), """
                <bpmn:serviceTask id="Task_X" name="Run class" camunda:class="java.lang.ProcessBuilder" />"""),
                "Task_X", "camunda:class is not allowed; use camunda:delegateExpression=\"${bean}\" with one of the product's delegates");
    }

    @Test
    void shouldRefuseAJuelPayloadThatReachesForClasses() {
        assertRefused(process("p" + id(), """
                <bpmn:serviceTask id="Task_Exec" name="Exec" camunda:expression="${''.getClass().forName('java.lang.Runtime').getMethods()[6].invoke(null).exec('id')}" />"""),
                "Task_Exec", "is not allowed");
        assertRefused(process("p" + id(), """
                <bpmn:sequenceFlow id="SequenceFlow_Evil" sourceRef="StartEvent_Started" targetRef="EndEvent_Ended">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${execution.getClass().forName('java.lang.System') != null}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>"""), "SequenceFlow_Evil", "is not allowed");
    }

    @Test
    void shouldRefuseAMethodCallOnABeanOfThePlatform() {
        assertRefused(process("p" + id(), """
                <bpmn:serviceTask id="Task_Sql" name="Run SQL" camunda:expression="${jdbcTemplate.update('DELETE FROM action_run')}" />"""),
                "Task_Sql", "jdbcTemplate is not one of the product's beans");
    }

    @Test
    void shouldRefuseAnExecutionListenerScriptAndAnInputMappingScript() {
        assertRefused(process("p" + id(), """
                <bpmn:serviceTask id="Task_Listened" name="Listened" camunda:delegateExpression="${sendMail}">
                  <bpmn:extensionElements>
                    <camunda:executionListener event="start"><camunda:script scriptFormat="groovy">'id'.execute()</camunda:script></camunda:executionListener>
                  </bpmn:extensionElements>
                </bpmn:serviceTask>"""), "Task_Listened", "camunda:script is not allowed");
        assertRefused(process("p" + id(), """
                <bpmn:serviceTask id="Task_Mapped" name="Mapped" camunda:delegateExpression="${sendMail}">
                  <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="x">
                    <camunda:script scriptFormat="javascript">java.lang.System.exit(1)</camunda:script>
                  </camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>"""), "Task_Mapped", "camunda:script is not allowed");
    }

    @Test
    void shouldRefuseADecisionInAnotherExpressionLanguage() {
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Evil" name="Evil" namespace="x">
                  <decision id="evilDecision" name="Evil">
                    <literalExpression id="LiteralExpression_Evil" expressionLanguage="javascript">
                      <text>java.lang.Runtime.getRuntime().exec('id')</text>
                    </literalExpression>
                  </decision>
                </definitions>""";
        Http.Reply reply = deploy("paula", "evil decision", Map.of("evil.dmn", dmn));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().path("message").asText())
                .contains("evil.dmn: element LiteralExpression_Evil: expressionLanguage=\"javascript\" is not allowed");
        assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey("evilDecision").count()).isZero();
    }

    // --- inside the engine: Java and start-up ------------------------------------------------------------

    @Test
    void shouldCheckDeploymentsThroughJavaToo() {
        String key = "p" + id();
        assertThatThrownBy(() -> engine.getRepositoryService().createDeployment().name("java " + key)
                .addString("java.bpmn", process(key, """
                        <bpmn:serviceTask id="Task_Java" name="Java" camunda:class="java.lang.Object" />""")).deploy())
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("java.bpmn: element Task_Java: camunda:class is not allowed");
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    @Test
    void shouldPassEveryDiagramAndDecisionOfTheProductWhichDeployedAtStartUp() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("processes")), Files.list(Path.of("forms")))) {
            for (Path file : files.sorted().toList()) {
                assertThat(guard.allowList().violations(file.getFileName().toString(), Files.readAllBytes(file)))
                        .as(file.toString()).isEmpty();
            }
        }
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("systemUpgrade").count())
                .isPositive();
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(RuleChangeApprovalProcess.KEY).count()).isPositive();
    }

    @Test
    void shouldResolveOnlyTheProductsBeansInExpressions() {
        String key = "p" + id();
        engine.getRepositoryService().createDeployment().name("beans " + key).addString("beans.bpmn", process(key, """
                <bpmn:serviceTask id="Task_ReadBean" name="Read bean" camunda:expression="${execution.setVariable('bean', dataSource)}" />""")
                .replace("targetRef=\"EndEvent_Ended\"", "targetRef=\"Task_ReadBean\"")
                .replace("<bpmn:endEvent", "<bpmn:sequenceFlow id=\"SequenceFlow_Out\" sourceRef=\"Task_ReadBean\" targetRef=\"EndEvent_Ended\" /><bpmn:endEvent"))
                .deploy();

        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(key))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("dataSource");
    }

    @Test
    void shouldNotRunFeelExternalFunctionsBecauseTheFeelEngineDisablesThem() {
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_External" name="External" namespace="x">
                  <decision id="feelExternalFunction" name="External" camunda:historyTimeToLive="P1D">
                    <variable id="InformationItem_External" name="result" />
                    <literalExpression id="LiteralExpression_External">
                      <text>{ f: function(name) external { java: { class: "java.lang.System", method signature: "getProperty(java.lang.String)" } }, r: f("user.dir") }.r</text>
                    </literalExpression>
                  </decision>
                </definitions>""";
        engine.getRepositoryService().createDeployment().name("feel external").addString("feel-external.dmn", dmn).deploy();

        // Camunda 7.24's FEEL engine refuses external functions: nothing to add to the allow-list for them
        assertThatThrownBy(() -> engine.getDecisionService().evaluateDecisionByKey("feelExternalFunction").evaluate())
                .isInstanceOf(ProcessEngineException.class)
                .rootCause().hasMessageContaining("External functions are disabled");
    }

    // --- four eyes ----------------------------------------------------------------------------------------

    @Test
    void shouldDeployACleanChangeOnlyAfterASecondProcessOwnerApproves() {
        String key = "p" + id();
        Http.Reply submitted = deploy("paula", "clean " + key, Map.of(key + ".bpmn", process(key, "")));

        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode change = submitted.json();
        String id = change.path("id").asText();
        assertThat(id).matches("RC-\\d{4}-\\d{4}");
        assertThat(change.path("submittedBy").asText()).isEqualTo("paula");
        assertThat(change.path("files").get(0).asText()).isEqualTo(key + ".bpmn");
        assertThat(change.path("next").asText()).contains("second process owner");
        assertThat(definitions(key)).isZero();

        String task = taskOf(id);
        Http.Reply own = complete("paula", task, "APPROVE");
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(own.json().path("message").asText()).contains("paula submitted rule change " + id + " and cannot approve it");
        assertThat(definitions(key)).isZero();

        Http.Reply approved = complete("pete", task, "APPROVE");
        assertThat(approved.status()).as(approved.body()).isEqualTo(204);
        runDeployJob(id);

        assertThat(definitions(key)).isOne();
        JsonNode recorded = http().get("paula", "/api/rule-changes/" + id).json();
        assertThat(recorded.path("status").asText()).isEqualTo("DEPLOYED");
        assertThat(recorded.path("submittedBy").asText()).isEqualTo("paula");
        assertThat(recorded.path("decidedBy").asText()).isEqualTo("pete");
        assertThat(recorded.path("decidedAt").isNull()).isFalse();
        String deploymentId = recorded.path("deploymentId").asText();
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
                .singleResult().getDeploymentId()).isEqualTo(deploymentId);
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(deploymentId).singleResult().getName())
                .isEqualTo("clean " + key);
    }

    @Test
    void shouldDeployNothingWhenTheChangeIsRejected() {
        String key = "p" + id();
        String id = deploy("paula", "rejected " + key, Map.of(key + ".bpmn", process(key, ""))).json().path("id").asText();

        Http.Reply rejected = complete("pete", taskOf(id), "REJECT");

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(204);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(processInstanceOf(id)).count()).isZero();
        assertThat(definitions(key)).isZero();
        JsonNode recorded = http().get("pete", "/api/rule-changes/" + id).json();
        assertThat(recorded.path("status").asText()).isEqualTo("REJECTED");
        assertThat(recorded.path("decidedBy").asText()).isEqualTo("pete");
        assertThat(recorded.path("deploymentId").isNull()).isTrue();
    }

    @Test
    void shouldSendTheAdminThroughTheSamePendingPath() {
        String key = "p" + id();
        Http.Reply submitted = deploy("admin", "admin " + key, Map.of(key + ".bpmn", process(key, "")));

        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        assertThat(definitions(key)).isZero();
        String id = submitted.json().path("id").asText();
        complete("pete", taskOf(id), "REJECT");
    }

    @Test
    void shouldRefuseDeploymentsFromEveryoneButProcessOwners() {
        String key = "p" + id();
        Map<String, String> files = Map.of(key + ".bpmn", process(key, ""));

        assertThat(deploy("rita", "rita", files).status()).isEqualTo(403);
        assertThat(deploy("oscar", "oscar", files).status()).isEqualTo(403);
        assertThat(deploy(null, "nobody", files).status()).isEqualTo(401);
        assertThat(definitions(key)).isZero();
        assertThat(http().get("rita", "/api/rule-changes").status()).isEqualTo(403);
        assertThat(http().get("paula", "/api/rule-changes").status()).isEqualTo(200);
        assertThat(http().get("admin", "/api/rule-changes").status()).isEqualTo(200);
    }

    @Test
    void shouldNotLetAProcessOwnerDeployThroughTheEngineDirectly() {
        String key = "p" + id();
        assertThatThrownBy(() -> {
            engine.getIdentityService().setAuthentication("paula", List.of("process-owners"));
            try {
                engine.getRepositoryService().createDeployment().name("direct " + key)
                        .addString(key + ".bpmn", process(key, "")).deploy();
            } finally {
                engine.getIdentityService().clearAuthentication();
            }
        }).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        assertThat(definitions(key)).isZero();
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private void assertRefused(String bpmn, String elementId, String reason) {
        String before = String.valueOf(http().get("paula", "/api/rule-changes").json().size());
        Http.Reply reply = deploy("paula", "evil " + UUID.randomUUID(), Map.of("evil.bpmn", bpmn));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().path("message").asText()).contains("evil.bpmn: element " + elementId + ": ").contains(reason);
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentName(reply.body()).count()).isZero();
        assertThat(String.valueOf(http().get("paula", "/api/rule-changes").json().size())).isEqualTo(before);
    }

    private Http.Reply deploy(String user, String name, Map<String, String> files) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("deployment-name", name);
        fields.put("deployment-source", "Camunda Modeler");
        fields.put("enable-duplicate-filtering", "true");
        return http().postMultipart(user, DEPLOY, fields, files);
    }

    private String taskOf(String ruleChangeId) {
        JsonNode tasks = http().get("pete", "/engine-rest/task?processInstanceBusinessKey=" + ruleChangeId).json();
        assertThat(tasks.size()).as(tasks.toString()).isOne();
        assertThat(tasks.get(0).path("taskDefinitionKey").asText()).isEqualTo(RuleChangeApprovalProcess.TASK_APPROVE_RULE_CHANGE);
        return tasks.get(0).path("id").asText();
    }

    private Http.Reply complete(String user, String taskId, String decision) {
        return http().post(user, "/engine-rest/task/" + taskId + "/complete", """
                {"variables": {"ruleChangeDecision": {"value": "%s"}, "ruleChangeComment": {"value": "looked at it"}}}"""
                .formatted(decision));
    }

    private void runDeployJob(String ruleChangeId) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(processInstanceOf(ruleChangeId)).singleResult();
        assertThat(job).isNotNull();
        engine.getManagementService().executeJob(job.getId());
    }

    private String processInstanceOf(String ruleChangeId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(ruleChangeId)
                .singleResult().getId();
    }

    private long definitions(String key) {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).count();
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A small executable process with the given content between its start and end event. */
    static String process(String key, String content) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Test" targetNamespace="http://upgradeorchestrator.io/bpmn">
                  <bpmn:process id="%s" name="Test" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Started" name="Started" />
                    <bpmn:sequenceFlow id="SequenceFlow_Ends" sourceRef="StartEvent_Started" targetRef="EndEvent_Ended" />
                    %s
                    <bpmn:endEvent id="EndEvent_Ended" name="Ended" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, content);
    }
}
