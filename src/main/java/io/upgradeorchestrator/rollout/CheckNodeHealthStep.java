package io.upgradeorchestrator.rollout;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.runbook.HealthAnswer;
import io.upgradeorchestrator.runbook.RunbookRunner;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;

/**
 * "Check node health" (topic {@code runbook.health}): an upgraded node must answer the runbook's health check with
 * the target release, else its outcome is UNHEALTHY. The wave's gate finds the answer in the action record under
 * the same key.
 */
@Component
class CheckNodeHealthStep implements StepHandler {

    private final InventoryService inventory;
    private final RunbookRunner runner;

    CheckNodeHealthStep(InventoryService inventory, RunbookRunner runner) {
        this.inventory = inventory;
        this.runner = runner;
    }

    @Override
    public String topic() {
        return StepTopics.HEALTH;
    }

    @Override
    public StepOutcome perform(StepTask task) {
        StepInput node = task.input();
        if (!NodeStatus.UPGRADED.name().equals(node.nodeStatus())) {
            return StepOutcome.of(NodeSteps.HEALTH, node.nodeId(), null, null); // failed, cancelled: nothing to check
        }
        ActionResult health = runner.run(RolloutService.healthKey(node.upgradeId(), node.runId(), node.nodeId()),
                "healthCheck", NodeContexts.runbook(inventory.requireRecent(node.systemId())).healthCheck().action(),
                NodeContexts.of(node), null);
        return HealthAnswer.runs(health, node.targetVersion())
                ? StepOutcome.of(NodeSteps.HEALTH, node.nodeId(), null, null)
                : StepOutcome.of(NodeSteps.HEALTH, node.nodeId(), NodeStatus.UNHEALTHY.name(),
                        "health check does not show release " + node.targetVersion() + ": " + health.summary());
    }
}
