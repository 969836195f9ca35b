package io.upgradeorchestrator.runbook;

import static io.upgradeorchestrator.runbook.RunbookTaskVariables.CHECK_NAME;
import static io.upgradeorchestrator.runbook.RunbookTaskVariables.EXPECTED_KIND;
import static io.upgradeorchestrator.runbook.RunbookTaskVariables.NODES;
import static io.upgradeorchestrator.runbook.RunbookTaskVariables.RESULT_VARIABLE;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionKind;
import io.upgradeorchestrator.inventory.InventoryService;

/**
 * "HTTP check (runbook)", "SQL check (runbook)", "Acceptance check (runbook command)": runs one acceptance check of
 * the system's runbook, chosen by name, on the chosen nodes; refuses a check of another kind than the task expects.
 */
@Component("runAcceptanceCheck")
class RunAcceptanceCheck implements JavaDelegate {

    private static final List<ActionKind> CHECK_KINDS = List.of(ActionKind.COMMAND, ActionKind.HTTP_CHECK,
            ActionKind.SQL_CHECK);

    private final InventoryService inventory;
    private final RunbookActions actions;

    RunAcceptanceCheck(InventoryService inventory, RunbookActions actions) {
        this.inventory = inventory;
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String resultVariable = RunbookTaskVariables.variableName(execution, RESULT_VARIABLE);
        String upgradeId = UPGRADE_ID.require(execution);
        RunbookActions.Outcome outcome = actions.runAcceptanceCheck(
                RunbookTaskVariables.idempotencyKey(upgradeId, execution), inventory.require(SYSTEM_ID.require(execution)),
                CHECK_NAME.get(execution), expectedKind(EXPECTED_KIND.get(execution)),
                NodeSelection.parse(NODES.get(execution)), upgradeId, TARGET_VERSION.get(execution));
        RunbookTaskVariables.writeResult(execution, resultVariable, outcome);
    }

    private static ActionKind expectedKind(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return CHECK_KINDS.stream().filter(kind -> kind.name().equals(value.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Input 'expectedKind' is '" + value + "'; use one of "
                        + CHECK_KINDS));
    }
}
