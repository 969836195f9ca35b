package io.upgradeorchestrator.rollback;

import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.*;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.rollout.Summaries;

/** Restores the final backup on every changed node: the migration was irreversible or data changed. */
@Component("restoreData")
class RestoreData implements JavaDelegate {

    private final InventoryService inventory;
    private final NodeRollback rollback;

    RestoreData(InventoryService inventory, NodeRollback rollback) {
        this.inventory = inventory;
        this.rollback = rollback;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String done = rollback.restoreData(UPGRADE_ID.require(execution), inventory.require(SYSTEM_ID.require(execution)));
        ROLLBACK_SUMMARY.set(execution, Summaries.fit(ROLLBACK_SUMMARY.get(execution, "") + " " + done));
        DATA_RESTORED.set(execution, true);
    }
}
