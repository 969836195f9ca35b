package io.upgradeorchestrator.rulechange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allow-list on its own: expressions one by one, and BPMN/DMN constructs, without an engine. */
class DeploymentAllowListTest {

    private static final Set<String> PRODUCT = Set.of("phases", "sendMail", "fourEyesRule");
    private static final Set<String> PLATFORM = Set.of("dataSource", "jdbcTemplate", "runtimeService");
    private final ExpressionAllowList expressions = new ExpressionAllowList(PRODUCT::contains, PLATFORM::contains);
    private final DeploymentAllowList allowList = new DeploymentAllowList(PRODUCT::contains, PLATFORM::contains);

    @ParameterizedTest
    @ValueSource(strings = {"${requester}", "#{execution.processBusinessKey}", "${riskAssessment.riskLevel}",
            "${rollbackDecision == 'ROLL_BACK'}", "${!backupVerified || !restoreVerified}", "${a && b}",
            "${waveTrigger != null}", "${empty list}", "${not done}", "${a < 3 ? 'x' : 'y'}", "${a + 1 - 2 * 3 / 4}",
            "${a <= b}", "${a >= b}", "${a > b}", "${-a}", "user:${requester}", "${map['key']}",
            "${execution.setVariable('phase', 'CLOSE')}", "${execution.setVariable('trigger', waveTrigger)}",
            "${execution.getVariable('phase')}", "${phases.enter(execution, 'CLOSE')}", "${currentUser()}",
            "${currentUserGroups()}", "${now()}", "${dateTime()}", "${'ROLLED_BACK'}"})
    void shouldAllowWhatTheProductsDiagramsWrite(String expression) {
        assertThat(expressions.violation(expression)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${''.getClass().forName('java.lang.Runtime')}", "${x.getClass()}", "${x.class}",
            "${x['class']}", "${x[y]}", "${a.b.c}", "${jdbcTemplate.update('DELETE FROM action_run')}",
            "${runtimeService.deleteProcessInstance('1', 'x')}", "${dataSource.connection}",
            "${execution.getProcessEngineServices()}", "${execution.setVariable(name, 'x')}",
            "${execution.setVariable('x', a.b)}", "${execution.setVariable('x', y.getClass())}",
            "${phases.getClass()}", "${phases.enter(''.getClass(), 'x')}", "${exec:run('ls')}", "${foo()}",
            "${a % 2}", "${(''.getClass())}", "${requester", "${execution.processEngine.runtimeService}"})
    void shouldRefuseEverythingElse(String expression) {
        assertThat(expressions.violation(expression)).isNotNull();
    }

    @Test
    void shouldNameResourceElementAndReasonForCamundaClass() {
        String bpmn = process("""
                <bpmn:serviceTask id="Task_X" camunda:class="com.example.Evil" />""");

        assertThatThrownBy(() -> allowList.check("evil.bpmn", bytes(bpmn)))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessage("evil.bpmn: element Task_X: camunda:class is not allowed; use "
                        + "camunda:delegateExpression=\"${bean}\" with one of the product's delegates");
    }

    @Test
    void shouldRefuseScriptsInEveryForm() {
        assertThat(allowList.violations("a.bpmn", bytes(process("""
                <bpmn:scriptTask id="Task_Script" scriptFormat="groovy"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"""))))
                .singleElement().asString().startsWith("a.bpmn: element Task_Script: a script task is not allowed");
        assertThat(allowList.violations("a.bpmn", bytes(process("""
                <bpmn:serviceTask id="Task_Listener" camunda:delegateExpression="${sendMail}">
                  <bpmn:extensionElements>
                    <camunda:executionListener event="start"><camunda:script scriptFormat="javascript">1</camunda:script></camunda:executionListener>
                  </bpmn:extensionElements>
                </bpmn:serviceTask>"""))))
                .singleElement().asString().contains("element Task_Listener: camunda:script is not allowed");
        assertThat(allowList.violations("a.bpmn", bytes(process("""
                <bpmn:serviceTask id="Task_Mapping" camunda:delegateExpression="${sendMail}">
                  <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="x">
                    <camunda:script scriptFormat="groovy" resource="deployment://evil.groovy" />
                  </camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>"""))))
                .singleElement().asString().contains("element Task_Mapping: camunda:script is not allowed");
        assertThat(allowList.violations("a.bpmn", bytes(process("""
                <bpmn:sequenceFlow id="SequenceFlow_Script" sourceRef="a" targetRef="b">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="groovy">true</bpmn:conditionExpression>
                </bpmn:sequenceFlow>"""))))
                .singleElement().asString().contains("element SequenceFlow_Script: language=\"groovy\" is not allowed");
    }

    @Test
    void shouldRefuseCodeThatTheCamundaNamespaceCouldLoad() {
        assertThat(allowList.violations("a.bpmn", bytes(process("""
                <bpmn:callActivity id="CallActivity_X" calledElement="x" camunda:variableMappingClass="com.example.Evil" />
                <bpmn:serviceTask id="Task_Connector" camunda:delegateExpression="${sendMail}">
                  <bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:serviceTask id="Task_Unknown" camunda:somethingNew="x" camunda:delegateExpression="${dataSource}" />
                <bpmn:userTask id="Task_Form" camunda:formKey="embedded:deployment:evil.html" />
                <bpmn:serviceTask id="Task_Listener" camunda:delegateExpression="${sendMail}">
                  <bpmn:extensionElements><camunda:taskListener class="com.example.Evil" event="create" /></bpmn:extensionElements>
                </bpmn:serviceTask>"""))))
                .anySatisfy(v -> assertThat(v).contains("CallActivity_X: camunda:variableMappingClass is not allowed"))
                .anySatisfy(v -> assertThat(v).contains("Task_Connector: camunda:connector is not allowed"))
                .anySatisfy(v -> assertThat(v).contains("Task_Unknown: camunda:somethingNew is not allowed"))
                .anySatisfy(v -> assertThat(v).contains("Task_Unknown: camunda:delegateExpression=\"${dataSource}\" is not allowed"))
                .anySatisfy(v -> assertThat(v).contains("Task_Form: camunda:formKey"))
                .anySatisfy(v -> assertThat(v).contains("Task_Listener: class on camunda:taskListener is not allowed"));
    }

    @Test
    void shouldAllowExternalTasksWithReadableTopics() {
        assertThat(allowList.violations("a.bpmn", bytes(process("""
                <bpmn:serviceTask id="Task_Backup" camunda:type="external" camunda:topic="runbook.backup" />
                <bpmn:serviceTask id="Task_Step" camunda:type="external" camunda:topic="${runbookTopic}" />""")))).isEmpty();
        assertThat(allowList.violations("a.bpmn", bytes(process("""
                <bpmn:serviceTask id="Task_Backup" camunda:type="external" camunda:topic="Run Backup!" />
                <bpmn:serviceTask id="Task_Step" camunda:type="external" camunda:topic="${x.getClass()}" />
                <bpmn:serviceTask id="Task_Shell" camunda:type="shell" />"""))))
                .hasSize(3);
    }

    @Test
    void shouldRefuseADoctypeAndExternalEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&x;</bpmn:definitions>""";
        assertThat(allowList.violations("xxe.bpmn", bytes(xxe))).singleElement().asString()
                .startsWith("xxe.bpmn: not a well-formed XML file without DOCTYPE");
    }

    @Test
    void shouldAcceptOnlyFeelInDecisions() {
        String juel = """
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_D" name="d" namespace="x">
                  <decision id="decision_X" name="X">
                    <literalExpression id="LiteralExpression_X" expressionLanguage="juel"><text>${''.getClass()}</text></literalExpression>
                  </decision>
                </definitions>""";
        assertThat(allowList.violations("evil.dmn", bytes(juel))).singleElement().asString()
                .isEqualTo("evil.dmn: element LiteralExpression_X: expressionLanguage=\"juel\" is not allowed; decisions are "
                        + "written in FEEL (leave the expression language empty)");
        assertThat(allowList.violations("ok.dmn", bytes(juel.replace("juel", "feel")))).isEmpty();
    }

    @Test
    void shouldAcceptOnlyBpmnDmnAndForms() {
        assertThat(allowList.violations("a.form", bytes("{}"))).isEmpty();
        assertThat(allowList.violations("evil.groovy", bytes("1"))).singleElement().asString()
                .contains("only BPMN (.bpmn), DMN (.dmn) and form (.form) files may be deployed");
    }

    static String process(String content) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Test" targetNamespace="x">
                  <bpmn:process id="allowListTest" isExecutable="true" camunda:historyTimeToLive="P1D">
                """ + content + """
                  </bpmn:process>
                </bpmn:definitions>
                """;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
