package io.upgradeorchestrator.upgrade;

import static io.upgradeorchestrator.upgrade.UpgradeVariables.PHASE;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Gives an upgrade started from Tasklist its id (the API draws it before starting) and makes the id the
 * business key, so Cockpit, Tasklist and the API all name the upgrade the same way.
 */
@Component("registerUpgrade")
class RegisterUpgrade implements JavaDelegate {

    private final UpgradeIdGenerator ids;

    RegisterUpgrade(UpgradeIdGenerator ids) {
        this.ids = ids;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = execution.getProcessBusinessKey();
        if (id == null || id.isBlank()) {
            id = ids.nextId();
            execution.setProcessBusinessKey(id);
        }
        UPGRADE_ID.set(execution, id);
        PHASE.set(execution, "REQUEST");
    }
}
