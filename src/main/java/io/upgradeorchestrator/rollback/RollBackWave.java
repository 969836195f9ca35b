package io.upgradeorchestrator.rollback;

import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.ROLLBACK_SUMMARY;
import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.ROLLED_BACK;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.rollout.Summaries;

/**
 * The compensation handler of a completed wave: rolls back that wave's changed nodes in reverse order. The engine runs
 * compensation handlers inside the throwing job and wraps their exceptions, which would hide what failed; so a failed
 * node is recorded (ROLLBACK_FAILED, and in rollbackSummary) and left to "Roll back nodes still upgraded", which
 * runs it again as its own job and raises an incident with the node, what ran and what came back.
 */
@Component("rollBackWave")
class RollBackWave implements JavaDelegate {

    private final InventoryService inventory;
    private final NodeRollback rollback;

    RollBackWave(InventoryService inventory, NodeRollback rollback) {
        this.inventory = inventory;
        this.rollback = rollback;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String done;
        try {
            done = rollback.rollBackLatestWave(UPGRADE_ID.require(execution),
                    inventory.require(SYSTEM_ID.require(execution))).orElse(null);
        } catch (RollbackFailedException e) {
            done = e.getMessage();
        }
        if (done != null) {
            String before = ROLLBACK_SUMMARY.get(execution);
            ROLLBACK_SUMMARY.set(execution, Summaries.fit(before == null ? done : before + " " + done));
        }
    }
}
