package io.upgradeorchestrator.rollback;

import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.*;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.UPGRADE_ID;

import java.time.Clock;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.configuration.ConfigurationCapture;
import io.upgradeorchestrator.configuration.ConfigurationReport;
import io.upgradeorchestrator.configuration.SnapshotPhase;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.rollout.RolloutNodeResult;
import io.upgradeorchestrator.rollout.RolloutNodeResults;
import io.upgradeorchestrator.rollout.Summaries;
import io.upgradeorchestrator.rollout.UpgradeExecutionProcess;

/**
 * Proves the old version is back on every node (health and CORE checks); anything else is an incident. Then reads
 * every node's configuration items again: one not as before the change is drift, an issue for the record.
 */
@Component("verifyOldVersion")
class VerifyOldVersion implements JavaDelegate {

    private final InventoryService inventory;
    private final NodeRollback rollback;
    private final RolloutNodeResults results;
    private final ConfigurationCapture configuration;
    private final ConfigurationReport configurationReport;
    private final Clock clock;

    VerifyOldVersion(InventoryService inventory, NodeRollback rollback, RolloutNodeResults results,
                     ConfigurationCapture configuration, ConfigurationReport configurationReport, Clock clock) {
        this.inventory = inventory;
        this.rollback = rollback;
        this.results = results;
        this.configuration = configuration;
        this.configurationReport = configurationReport;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        String verified = rollback.verifyOldVersion(upgradeId, system);
        // read once the old version is proven back, so a retry after a repair reads the repaired node
        for (RolloutNodeResult node : results.findByUpgradeId(upgradeId)) {
            configuration.capture(SnapshotPhase.AFTER_ROLLBACK, "rollback", system, new ActionContext(upgradeId,
                    system.id(), node.nodeId(), node.host(), node.fromVersion(), node.targetVersion(),
                    node.backupLocation(), null));
        }
        String configurationAfter = configurationReport.forUpgrade(upgradeId).afterRollback();
        OLD_VERSION_SUMMARY.set(execution, Summaries.fit(verified));
        ROLLBACK_SUMMARY.set(execution, Summaries.fit(ROLLBACK_SUMMARY.get(execution, "").strip() + " " + verified
                + " " + configurationAfter));
        UpgradeExecutionProcess.UPGRADE_FINISHED_AT.set(execution, Date.from(clock.instant()));
    }
}
