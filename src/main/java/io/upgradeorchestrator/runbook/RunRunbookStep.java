package io.upgradeorchestrator.runbook;

import static io.upgradeorchestrator.runbook.RunbookTaskVariables.NODES;
import static io.upgradeorchestrator.runbook.RunbookTaskVariables.RESULT_VARIABLE;
import static io.upgradeorchestrator.runbook.RunbookTaskVariables.RUNBOOK_STEP;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;

/** "Run runbook step (command)": runs one step of the system's runbook, chosen by name, on the chosen nodes. */
@Component("runRunbookStep")
class RunRunbookStep implements JavaDelegate {

    private final InventoryService inventory;
    private final RunbookActions actions;

    RunRunbookStep(InventoryService inventory, RunbookActions actions) {
        this.inventory = inventory;
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String resultVariable = RunbookTaskVariables.variableName(execution, RESULT_VARIABLE);
        String upgradeId = UPGRADE_ID.require(execution);
        RunbookActions.Outcome outcome = actions.runStep(RunbookTaskVariables.idempotencyKey(upgradeId, execution),
                inventory.require(SYSTEM_ID.require(execution)), RUNBOOK_STEP.get(execution),
                NodeSelection.parse(NODES.get(execution)), upgradeId, TARGET_VERSION.get(execution));
        RunbookTaskVariables.writeResult(execution, resultVariable, outcome);
    }
}
