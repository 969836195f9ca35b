package io.upgradeorchestrator.rollback;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/** "Verify old version on node" (topic {@code runbook.verify}): one node runs its release before the upgrade again and passes the CORE checks. */
@Component
class VerifyOldVersionStep implements StepHandler {

    private final InventoryService inventory;
    private final NodeRollback rollback;

    VerifyOldVersionStep(InventoryService inventory, NodeRollback rollback) {
        this.inventory = inventory;
        this.rollback = rollback;
    }

    @Override
    public String topic() {
        return StepTopics.VERIFY_OLD_VERSION;
    }

    @Override
    public Map<String, Object> handle(StepTask task) {
        rollback.verifyOldVersion(task.string(StepVariables.UPGRADE_ID),
                inventory.requireRecent(task.string(StepVariables.SYSTEM_ID)), task.string(StepVariables.NODE));
        return Map.of();
    }
}
