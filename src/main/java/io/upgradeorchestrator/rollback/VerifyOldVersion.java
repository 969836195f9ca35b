package io.upgradeorchestrator.rollback;

import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.*;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.UPGRADE_ID;

import java.time.Clock;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.rollout.Summaries;
import io.upgradeorchestrator.rollout.UpgradeExecutionProcess;

/** Proves the old version is back on every node (health and CORE checks); anything else is an incident. */
@Component("verifyOldVersion")
class VerifyOldVersion implements JavaDelegate {

    private final InventoryService inventory;
    private final NodeRollback rollback;
    private final Clock clock;

    VerifyOldVersion(InventoryService inventory, NodeRollback rollback, Clock clock) {
        this.inventory = inventory;
        this.rollback = rollback;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String verified = rollback.verifyOldVersion(UPGRADE_ID.require(execution),
                inventory.require(SYSTEM_ID.require(execution)));
        OLD_VERSION_SUMMARY.set(execution, Summaries.fit(verified));
        ROLLBACK_SUMMARY.set(execution, Summaries.fit(ROLLBACK_SUMMARY.get(execution, "").strip() + " " + verified));
        UpgradeExecutionProcess.UPGRADE_FINISHED_AT.set(execution, Date.from(clock.instant()));
    }
}
