package io.upgradeorchestrator.rehearsal;

import static io.upgradeorchestrator.rehearsal.RehearsalVariables.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.PILOT_REQUIRED;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;

/** Rehearses the upgrade on the test (or pilot) nodes and writes what it showed. */
@Component("rehearseUpgrade")
class RehearseUpgrade implements JavaDelegate {

    private final InventoryService inventory;
    private final Rehearsal rehearsal;

    RehearseUpgrade(InventoryService inventory, Rehearsal rehearsal) {
        this.inventory = inventory;
        this.rehearsal = rehearsal;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // one rehearsal per preparation run: a re-plan starts a new run, a retried job repeats no completed step
        RehearsalResult result = rehearsal.rehearse(UPGRADE_ID.require(execution), execution.getProcessInstanceId(),
                inventory.require(SYSTEM_ID.require(execution)), TARGET_VERSION.require(execution),
                PILOT_REQUIRED.get(execution, false));
        REHEARSAL_NODES.set(execution, result.nodes());
        REHEARSAL_PASSED.set(execution, result.passed());
        REHEARSAL_UPGRADE_MINUTES.set(execution, result.upgradeMinutes());
        REHEARSAL_ROLLBACK_MINUTES.set(execution, result.rollbackMinutes());
        ACCEPTANCE_SUMMARY.set(execution, result.acceptanceSummary());
        PERFORMANCE_SUMMARY.set(execution, result.performanceSummary());
        REHEARSAL_SUMMARY.set(execution, result.summary());
    }
}
