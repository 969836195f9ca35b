package io.upgradeorchestrator.upgrade;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import io.upgradeorchestrator.variables.UpgradeVariables;

/**
 * Where an upgrade stands, kept in one variable {@code phase} of the main process, so Cockpit, Tasklist and
 * {@code GET /api/upgrades/{id}} read it in one place even while a called phase diagram runs. Diagrams call it
 * from execution listeners: {@code ${phases.enter(execution, 'MONITOR')}}.
 */
@Component("phases")
public class Phases {

    public void enter(DelegateExecution execution, String phase) {
        DelegateExecution upgrade = execution.getProcessInstance();
        while (upgrade.getSuperExecution() != null) {
            upgrade = upgrade.getSuperExecution().getProcessInstance();
        }
        UpgradeVariables.PHASE.set(upgrade, phase);
    }
}
