package io.upgradeorchestrator.benchmark;

import java.util.List;

import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;

/**
 * The baseline's diagrams, built with the Camunda model API in the shape of the product's rollout
 * ({@code processes/upgrade-execution.bpmn} and {@code processes/upgrade-wave.bpmn}) on the path a successful rollout
 * takes: the same service tasks with the same asynchronous boundaries, the same gateways, the sequential
 * multi-instance call activity over the waves (the product's named variables in, five out, a compensation boundary), the parallel
 * multi-instance over the nodes (each instance asynchronous before and after, not exclusive), the health gate, the
 * user task of the manual checks, the same listeners. Every delegate is a no-op bean of {@link BareCamundaApplication}.
 * The rollback branches the product has and this run never takes are left out.
 */
final class BareRolloutModel {

    static final String EXECUTION_KEY = "bareUpgradeExecution";
    static final String WAVE_KEY = "bareUpgradeWave";
    static final String CHECK_MANUALLY = "Task_CheckManually";

    private BareRolloutModel() {
    }

    /** A list as the product keeps lists: a JSON object variable, never a Java-serialized one. */
    static ObjectValue json(List<?> list) {
        return Variables.objectValue(list).serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
    }

    static BpmnModelInstance execution() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(EXECUTION_KEY)
                .camundaHistoryTimeToLive(365)
                .startEvent("StartEvent_WindowStarted")
                .serviceTask("Task_PlanWaves").camundaDelegateExpression("${noOp}")
                .serviceTask("Task_TakeFinalBackup").camundaAsyncBefore().camundaDelegateExpression("${noOp}")
                .exclusiveGateway("Gateway_FinalBackupVerified")
                    .condition("yes", "${finalBackupVerified}")
                    .serviceTask("Task_MeasureBaseline").camundaAsyncBefore().camundaDelegateExpression("${noOp}")
                    .exclusiveGateway("Gateway_WavesMerge")
                    .callActivity("CallActivity_UpgradeWave").calledElement(WAVE_KEY)
                        .camundaCalledElementBinding("latest")
                        .camundaInBusinessKey("#{execution.processBusinessKey}")
                        .camundaOut("waveTrigger", "waveTrigger")
                        .camundaOut("waveTriggerDetail", "waveTriggerDetail")
                        .camundaOut("nodesUpgraded", "nodesUpgraded")
                        .camundaOut("nodesFailed", "nodesFailed")
                        .camundaOut("rolloutSummary", "rolloutSummary")
                        .multiInstance().sequential().camundaCollection("${pendingWaves}")
                            .camundaElementVariable("waveNumber").completionCondition("${waveTrigger != null}")
                        .multiInstanceDone()
                    .boundaryEvent("BoundaryEvent_WaveCompensation").compensateEventDefinition()
                        .compensateEventDefinitionDone()
                        .compensationStart()
                        .serviceTask("Task_RollBackWave").camundaDelegateExpression("${noOp}")
                        .compensationDone()
                    .exclusiveGateway("Gateway_RolloutStopped")
                        .condition("no", "${waveTrigger == null}")
                        .serviceTask("Task_RunAcceptanceChecks").camundaAsyncBefore()
                            .camundaDelegateExpression("${noOp}")
                        .exclusiveGateway("Gateway_CoreChecksPassed")
                            .condition("yes", "${coreChecksPassed}")
                            .exclusiveGateway("Gateway_ReviewLogsMerge")
                            .serviceTask("Task_ReviewLogs").camundaAsyncBefore().camundaDelegateExpression("${noOp}")
                            .userTask(CHECK_MANUALLY).camundaCandidateGroups("operations")
                                .camundaTaskListenerDelegateExpression("complete", "${noOpTaskListener}")
                            .exclusiveGateway("Gateway_ManualChecksOk")
                                .condition("yes", "${manualChecksOk}")
                                .exclusiveGateway("Gateway_CarriedOutMerge")
                                .endEvent("EndEvent_UpgradeCarriedOut")
                                    .camundaExecutionListenerDelegateExpression("start", "${noOpExecutionListener}")
                            .moveToNode("Gateway_ManualChecksOk")
                                .condition("no", "${!manualChecksOk}").endEvent("EndEvent_ManualChecksFailed")
                        .moveToNode("Gateway_CoreChecksPassed")
                            .condition("no", "${!coreChecksPassed}").endEvent("EndEvent_CoreChecksFailed")
                    .moveToNode("Gateway_RolloutStopped")
                        .condition("yes", "${waveTrigger != null}").endEvent("EndEvent_RolloutStopped")
                .moveToNode("Gateway_FinalBackupVerified")
                    .condition("no", "${!finalBackupVerified}")
                    .serviceTask("Task_ReportBackupFailure").camundaAsyncBefore().camundaDelegateExpression("${noOp}")
                    .endEvent("EndEvent_WindowToReplan")
                .done();
        // the product's named variables in (upgrade-execution.bpmn), and the baseline's own wave plan
        CallActivity waves = model.getModelElementById("CallActivity_UpgradeWave");
        ExtensionElements extensions = waves.getExtensionElements();
        for (String name : List.of("upgradeId", "systemId", "targetVersion", "maxParallelNodes", "failureThreshold",
                "rolloutRunId", "waveNumber", "waveSizes")) {
            CamundaIn in = model.newInstance(CamundaIn.class);
            in.setCamundaSource(name);
            in.setCamundaTarget(name);
            extensions.addChildElement(in);
        }
        return model;
    }

    static BpmnModelInstance wave() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(WAVE_KEY)
                .camundaHistoryTimeToLive(365)
                .startEvent("StartEvent_WaveStarted")
                .serviceTask("Task_SelectWaveNodes").camundaDelegateExpression("${selectWaveNodes}")
                .serviceTask("Task_UpgradeNode").camundaDelegateExpression("${noOp}")
                    .multiInstance().parallel().camundaCollection("${waveNodes}").camundaElementVariable("node")
                        .camundaAsyncBefore().camundaAsyncAfter()
                    .multiInstanceDone()
                .serviceTask("Task_CheckWaveHealth").camundaAsyncBefore().camundaDelegateExpression("${noOp}")
                .endEvent("EndEvent_WaveUpgraded")
                .done();
        // camunda:exclusive="false" on the node instances, so a wave's nodes run in parallel jobs, as in the product
        MultiInstanceLoopCharacteristics nodes = model.getModelElementsByType(MultiInstanceLoopCharacteristics.class)
                .iterator().next();
        nodes.setCamundaExclusive(false);
        return model;
    }
}
