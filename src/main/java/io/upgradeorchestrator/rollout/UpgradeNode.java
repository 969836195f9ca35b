package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLOUT_RUN_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;

/** Upgrades one node; its result goes to its own row of the rollout table, never to a shared variable. */
@Component("upgradeNode")
class UpgradeNode implements JavaDelegate {

    private final InventoryService inventory;
    private final RolloutService rollout;

    UpgradeNode(InventoryService inventory, RolloutService rollout) {
        this.inventory = inventory;
        this.rollout = rollout;
    }

    @Override
    public void execute(DelegateExecution execution) {
        rollout.upgradeNode(UPGRADE_ID.require(execution), ROLLOUT_RUN_ID.require(execution),
                inventory.require(SYSTEM_ID.require(execution)),
                (String) execution.getVariable(UpgradeWaveProcess.NODE));
    }
}
