package io.upgradeorchestrator.rollback;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.worker.InApplicationStepHandler;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/** "Roll back node" (topic {@code runbook.rollback}): the runbook's rollback of one changed node, back to its final backup; a "no" is recorded ROLLBACK_FAILED and retried, then an incident. */
@Component
class RollBackNodeStep implements InApplicationStepHandler {

    private final InventoryService inventory;
    private final NodeRollback rollback;

    RollBackNodeStep(InventoryService inventory, NodeRollback rollback) {
        this.inventory = inventory;
        this.rollback = rollback;
    }

    @Override
    public String topic() {
        return StepTopics.ROLLBACK;
    }

    @Override
    public void handle(StepTask task) {
        rollback.rollBackNode(task.string(StepVariables.UPGRADE_ID),
                inventory.requireRecent(task.string(StepVariables.SYSTEM_ID)), task.string(StepVariables.NODE));
    }
}
