package io.upgradeorchestrator.runbook;

import static io.upgradeorchestrator.runbook.RunbookTaskVariables.LOG_SOURCE;
import static io.upgradeorchestrator.runbook.RunbookTaskVariables.NODES;
import static io.upgradeorchestrator.runbook.RunbookTaskVariables.RESULT_VARIABLE;
import static io.upgradeorchestrator.runbook.RunbookTaskVariables.SINCE;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;

/**
 * "Log scan (runbook)": counts the runbook's log patterns on the chosen nodes since the window's start (or the
 * instant in input {@code since}); a pattern above its threshold is a failed answer, not an error.
 */
@Component("scanLogs")
class ScanLogs implements JavaDelegate {

    private final InventoryService inventory;
    private final RunbookActions actions;

    ScanLogs(InventoryService inventory, RunbookActions actions) {
        this.inventory = inventory;
        this.actions = actions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String resultVariable = RunbookTaskVariables.variableName(execution, RESULT_VARIABLE);
        String upgradeId = UPGRADE_ID.require(execution);
        RunbookActions.Outcome outcome = actions.scanLogs(RunbookTaskVariables.idempotencyKey(upgradeId, execution),
                inventory.require(SYSTEM_ID.require(execution)), LOG_SOURCE.get(execution), since(execution),
                NodeSelection.parse(NODES.get(execution)), upgradeId, TARGET_VERSION.get(execution));
        RunbookTaskVariables.writeResult(execution, resultVariable, outcome);
    }

    private static Instant since(DelegateExecution execution) {
        Object since = execution.getVariable(SINCE);
        if (since instanceof Date date) {
            return date.toInstant();
        }
        if (since instanceof String text && !text.isBlank()) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Input 'since' is '" + text + "'; use an ISO-8601 instant such as "
                        + "2027-02-13T06:00:00Z, or leave it empty to scan from windowStart", e);
            }
        }
        Date windowStart = WINDOW_START.get(execution);
        return windowStart == null ? null : windowStart.toInstant();
    }
}
