package io.upgradeorchestrator.rollback;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.worker.InApplicationStepHandler;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/** "Restore node data" (topic {@code runbook.restore}): the runbook's restore of one node's final backup and its check. */
@Component
class RestoreNodeStep implements InApplicationStepHandler {

    private final InventoryService inventory;
    private final NodeRollback rollback;

    RestoreNodeStep(InventoryService inventory, NodeRollback rollback) {
        this.inventory = inventory;
        this.rollback = rollback;
    }

    @Override
    public String topic() {
        return StepTopics.RESTORE;
    }

    @Override
    public void handle(StepTask task) {
        rollback.restoreNode(task.string(StepVariables.UPGRADE_ID),
                inventory.requireRecent(task.string(StepVariables.SYSTEM_ID)), task.string(StepVariables.NODE));
    }
}
