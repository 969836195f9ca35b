package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.backup.FinalBackup;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.variables.Summaries;

/**
 * "Check final backup": once every production node's backup step has ended, the backup counts as verified only when
 * each node's is; then the SHA256SUMS manifest is written. No verified backup of every node, no upgrade.
 */
@Component("takeFinalBackup")
class TakeFinalBackup implements JavaDelegate {

    private final InventoryService inventory;
    private final RolloutService rollout;
    private final FinalBackup finalBackup;

    TakeFinalBackup(InventoryService inventory, RolloutService rollout, FinalBackup finalBackup) {
        this.inventory = inventory;
        this.rollout = rollout;
        this.finalBackup = finalBackup;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        FinalBackup.Result result = finalBackup.conclude(upgradeId, ROLLOUT_RUN_ID.require(execution), system,
                rollout.plannedNodes(upgradeId, system).size(), rollout.nodeBackups(upgradeId));
        FINAL_BACKUP_LOCATION.set(execution, result.location());
        FINAL_BACKUP_SHA256.set(execution, result.sha256());
        FINAL_BACKUP_SIZE_BYTES.set(execution, result.sizeBytes());
        FINAL_BACKUP_VERIFIED.set(execution, result.verified());
        FINAL_BACKUP_SUMMARY.set(execution, Summaries.fit(result.summary()));
    }
}
