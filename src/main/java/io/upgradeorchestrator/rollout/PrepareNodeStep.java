package io.upgradeorchestrator.rollout;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * Start listener of every per-node runbook step of the rollout and the rollback: puts the node's facts from the rollout table into the step
 * ({@link StepVariables#INPUT}), so any worker, inside the application or remote, can run it without reading the
 * orchestrator's tables. An upgrade step marks its node UPGRADING: from now on a worker may change it at any moment,
 * so a rollback decided meanwhile must cover it ({@link RecordNodeStep} sets it back when the step is withdrawn
 * before a worker took it).
 */
@Component("prepareNodeStep")
class PrepareNodeStep implements ExecutionListener {

    /** Node states an upgrade step (re)starts from; any other means the node is done. */
    static final Set<NodeStatus> UPGRADABLE = Set.of(NodeStatus.PLANNED, NodeStatus.CANCELLED, NodeStatus.UPGRADING);

    private final RolloutNodeResults results;

    PrepareNodeStep(RolloutNodeResults results) {
        this.results = results;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String upgradeId = (String) execution.getVariable(StepVariables.UPGRADE_ID);
        String nodeId = (String) execution.getVariable(StepVariables.NODE);
        RolloutNodeResult node = results.find(upgradeId, nodeId).orElseThrow(() -> new IllegalStateException(
                "Node " + nodeId + " is not in the rollout plan of " + upgradeId));
        StepInput input = new StepInput(upgradeId, (String) execution.getVariable(StepVariables.RUN_ID),
                (String) execution.getVariable(StepVariables.SYSTEM_ID), nodeId, node.host(), node.site(),
                StepInput.zoneOf(node.site()), node.fromVersion(), node.targetVersion(), node.backupLocation(),
                node.status().name(), StepInput.number(execution.getVariable(StepVariables.MAX_PARALLEL_NODES)), null);
        execution.setVariableLocal(StepVariables.INPUT, input.toJson());
        if (UpgradeWaveProcess.Elements.UPGRADE_NODE.equals(execution.getCurrentActivityId())
                && UPGRADABLE.contains(node.status())) {
            results.recordHealth(upgradeId, nodeId, NodeStatus.UPGRADING, "upgrade handed to the workers");
        }
    }
}
