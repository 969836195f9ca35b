package io.upgradeorchestrator.backup;

import static io.upgradeorchestrator.backup.BackupVariables.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;

/** Takes a backup by the runbook and tests its restore; writes the proof (or what failed) for the approvers. */
@Component("takeAndTestBackup")
class TakeAndTestBackup implements JavaDelegate {

    private final InventoryService inventory;
    private final BackupReadiness readiness;

    TakeAndTestBackup(InventoryService inventory, BackupReadiness readiness) {
        this.inventory = inventory;
        this.readiness = readiness;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int attempt = BACKUP_ATTEMPT.get(execution, 1);
        BACKUP_ATTEMPT.set(execution, attempt);
        // stable across job retries of this attempt, new for every preparation run and every business retry
        String runId = execution.getProcessInstanceId() + "-" + attempt;
        BackupProof proof = readiness.takeAndTest(UPGRADE_ID.require(execution), runId,
                inventory.require(SYSTEM_ID.require(execution)), TARGET_VERSION.require(execution));
        BACKUP_NODE.set(execution, proof.node());
        BACKUP_LOCATION.set(execution, proof.location());
        BACKUP_SIZE_BYTES.set(execution, proof.sizeBytes());
        BACKUP_SHA256.set(execution, proof.sha256());
        BACKUP_VERIFIED.set(execution, proof.backupVerified());
        RESTORE_VERIFIED.set(execution, proof.restoreVerified());
        BACKUP_SUMMARY.set(execution, proof.summary());
    }
}
