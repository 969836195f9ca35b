package io.upgradeorchestrator.upgrade;

import static io.upgradeorchestrator.variables.UpgradeVariables.PHASE;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Keeps the upgrade's id (its business key, drawn by the server when the upgrade started, see UpgradeStartGuard)
 * as a variable too, so forms, mails and expressions name the upgrade the way Cockpit, Tasklist and the API do.
 */
@Component("registerUpgrade")
class RegisterUpgrade implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        UPGRADE_ID.set(execution, execution.getProcessBusinessKey());
        PHASE.set(execution, "REQUEST");
    }
}
