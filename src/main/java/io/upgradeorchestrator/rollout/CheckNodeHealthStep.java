package io.upgradeorchestrator.rollout;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/** "Check node health" (topic {@code runbook.health}): one node's health check for its wave's gate. */
@Component
class CheckNodeHealthStep implements StepHandler {

    static final String STEP = "health";

    private final InventoryService inventory;
    private final RolloutService rollout;

    CheckNodeHealthStep(InventoryService inventory, RolloutService rollout) {
        this.inventory = inventory;
        this.rollout = rollout;
    }

    @Override
    public String topic() {
        return StepTopics.HEALTH;
    }

    @Override
    public Map<String, Object> handle(StepTask task) {
        String upgradeId = task.string(StepVariables.UPGRADE_ID);
        String nodeId = task.string(StepVariables.NODE);
        rollout.stepOf(upgradeId, nodeId, STEP);
        try {
            rollout.checkNodeHealth(upgradeId, task.string(StepVariables.RUN_ID),
                    inventory.requireRecent(task.string(StepVariables.SYSTEM_ID)), nodeId);
        } finally {
            rollout.stepOf(upgradeId, nodeId, null);
        }
        return Map.of();
    }
}
