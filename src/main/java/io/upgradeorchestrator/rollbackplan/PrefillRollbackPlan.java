package io.upgradeorchestrator.rollbackplan;

import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.DATA_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.IRREVERSIBLE_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;

/** Drafts the rollback plan from the runbook, so the owner corrects a plan instead of writing one from nothing. */
@Component("draftRollbackPlan")
class PrefillRollbackPlan implements JavaDelegate {

    private final InventoryService inventory;

    PrefillRollbackPlan(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RollbackPlanDraft draft = RollbackPlanDraft.of(inventory.require(SYSTEM_ID.require(execution)),
                DATA_MIGRATION.get(execution, false), IRREVERSIBLE_MIGRATION.get(execution, false));
        ROLLBACK_DECISION_OWNER.set(execution, draft.decisionOwner());
        ROLLBACK_TRIGGERS.set(execution, draft.triggers());
        ROLLBACK_STEPS.set(execution, draft.steps());
        ROLLBACK_TIME_MINUTES.set(execution, draft.rollbackTimeMinutes());
        DATA_LOSS_WINDOW.set(execution, draft.dataLossWindow());
        ROLLBACK_AUTOMATIC.set(execution, draft.automatic());
        FORWARD_FIX_ONLY.set(execution, draft.forwardFixOnly());
    }
}
