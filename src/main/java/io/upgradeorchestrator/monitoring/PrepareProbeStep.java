package io.upgradeorchestrator.monitoring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * Start listener of "Run probes on node": puts the node's facts into the step ({@link StepVariables#INPUT}), as
 * {@code rollout.PrepareNodeStep} does for the rollout's steps, from the inventory (probe rounds go over the system's
 * production nodes, also when no rollout plan lists them). Its zone routes the step to the zone's remote workers.
 */
@Component("prepareProbeStep")
class PrepareProbeStep implements ExecutionListener {

    private final InventoryService inventory;

    PrepareProbeStep(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String systemId = (String) execution.getVariable(StepVariables.SYSTEM_ID);
        String nodeId = (String) execution.getVariable(StepVariables.NODE);
        // a node the inventory does not list as production is refused by the worker, with its step's incident
        Node node = inventory.requireRecent(systemId).nodesIn(Environment.PRODUCTION).stream()
                .filter(candidate -> candidate.id().equals(nodeId)).findFirst().orElse(null);
        StepInput input = new StepInput((String) execution.getVariable(StepVariables.UPGRADE_ID),
                (String) execution.getVariable(StepVariables.RUN_ID), systemId, nodeId,
                node == null ? null : node.host(), node == null ? null : node.site(),
                node == null ? null : StepInput.zoneOf(node.site()), node == null ? null : node.version(),
                (String) execution.getVariable(StepVariables.TARGET_VERSION), null, null,
                StepInput.number(execution.getVariable(StepVariables.MAX_PARALLEL_NODES)),
                (String) execution.getVariable(StepVariables.PROBE_ROUND_KEY));
        execution.setVariableLocal(StepVariables.INPUT, input.toJson());
    }
}
