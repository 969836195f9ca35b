package io.upgradeorchestrator.rollback;

import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.*;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.DATA_MIGRATION;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.IRREVERSIBLE_MIGRATION;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.rollout.Summaries;

/** Rolls back every node of the upgrade that is still changed, latest first; decides whether data is restored. */
@Component("rollBackUpgradedNodes")
class RollBackUpgradedNodes implements JavaDelegate {

    private final InventoryService inventory;
    private final NodeRollback rollback;

    RollBackUpgradedNodes(InventoryService inventory, NodeRollback rollback) {
        this.inventory = inventory;
        this.rollback = rollback;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String done = rollback.rollBackAll(UPGRADE_ID.require(execution), inventory.require(SYSTEM_ID.require(execution)));
        String before = ROLLBACK_SUMMARY.get(execution);
        ROLLBACK_SUMMARY.set(execution, Summaries.fit(before == null ? done : before + " " + done));
        ROLLED_BACK.set(execution, true);
        DATA_RESTORE_NEEDED.set(execution, IRREVERSIBLE_MIGRATION.get(execution, false)
                || DATA_MIGRATION.get(execution, false));
        DATA_RESTORED.set(execution, false);
    }
}
