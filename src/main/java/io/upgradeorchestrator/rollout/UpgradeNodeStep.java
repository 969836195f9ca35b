package io.upgradeorchestrator.rollout;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * "Upgrade node" (topic {@code runbook.upgrade}): the runbook's upgrade of one node; its result goes to its own row of
 * the rollout table. Stopped while it runs (its wave stopped, the upgrade was cancelled), the node is CANCELLED.
 */
@Component
class UpgradeNodeStep implements StepHandler {

    static final String STEP = "upgrade";

    private final InventoryService inventory;
    private final RolloutService rollout;

    UpgradeNodeStep(InventoryService inventory, RolloutService rollout) {
        this.inventory = inventory;
        this.rollout = rollout;
    }

    @Override
    public String topic() {
        return StepTopics.UPGRADE;
    }

    @Override
    public Map<String, Object> handle(StepTask task) {
        String upgradeId = task.string(StepVariables.UPGRADE_ID);
        String nodeId = task.string(StepVariables.NODE);
        rollout.stepOf(upgradeId, nodeId, STEP);
        try {
            rollout.upgradeNode(upgradeId, task.string(StepVariables.RUN_ID),
                    inventory.requireRecent(task.string(StepVariables.SYSTEM_ID)), nodeId);
        } finally {
            rollout.stepOf(upgradeId, nodeId, null);
        }
        return Map.of();
    }

    @Override
    public void cancelled(StepTask task, String reason) {
        rollout.recordCancelled(task.string(StepVariables.UPGRADE_ID), task.string(StepVariables.NODE), reason);
    }
}
