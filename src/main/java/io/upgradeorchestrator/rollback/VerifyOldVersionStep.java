package io.upgradeorchestrator.rollback;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.configuration.ConfigurationCapture;
import io.upgradeorchestrator.configuration.SnapshotPhase;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.worker.InApplicationStepHandler;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * "Verify old version on node" (topic {@code runbook.verify}): one node runs its release before the upgrade again and
 * passes the CORE checks; then its configuration items are read again, to compare them with before the change.
 */
@Component
class VerifyOldVersionStep implements InApplicationStepHandler {

    private final InventoryService inventory;
    private final NodeRollback rollback;
    private final ConfigurationCapture configuration;

    VerifyOldVersionStep(InventoryService inventory, NodeRollback rollback, ConfigurationCapture configuration) {
        this.inventory = inventory;
        this.rollback = rollback;
        this.configuration = configuration;
    }

    @Override
    public String topic() {
        return StepTopics.VERIFY_OLD_VERSION;
    }

    @Override
    public void handle(StepTask task) {
        String upgradeId = task.string(StepVariables.UPGRADE_ID);
        String nodeId = task.string(StepVariables.NODE);
        InventorySystem system = inventory.requireRecent(task.string(StepVariables.SYSTEM_ID));
        rollback.verifyOldVersion(upgradeId, system, nodeId);
        // read once the old version is proven back, so a retry after a repair reads the repaired node
        configuration.capture(SnapshotPhase.AFTER_ROLLBACK, "rollback", system,
                rollback.context(upgradeId, system, nodeId));
    }
}
