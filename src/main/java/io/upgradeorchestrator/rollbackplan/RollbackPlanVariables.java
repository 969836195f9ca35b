package io.upgradeorchestrator.rollbackplan;

import io.upgradeorchestrator.variables.Var;

/** The rollback plan: who decides, when, how, how long, what may be lost. Same names as the form's fields. */
public final class RollbackPlanVariables {

    private RollbackPlanVariables() {
    }

    public static final Var<String> ROLLBACK_DECISION_OWNER = Var.string("rollbackDecisionOwner");
    public static final Var<String> ROLLBACK_TRIGGERS = Var.string("rollbackTriggers");
    public static final Var<String> ROLLBACK_STEPS = Var.text("rollbackSteps");
    public static final Var<Integer> ROLLBACK_TIME_MINUTES = Var.integer("rollbackTimeMinutes");
    public static final Var<String> DATA_LOSS_WINDOW = Var.string("dataLossWindow");
    public static final Var<Boolean> ROLLBACK_AUTOMATIC = Var.bool("rollbackAutomatic");
    /** Irreversible data migration: problems are fixed forward; "rollback" means a full restore of the backup. */
    public static final Var<Boolean> FORWARD_FIX_ONLY = Var.bool("forwardFixOnly");
    public static final Var<String> ROLLBACK_PLAN_SUMMARY = Var.text("rollbackPlanSummary");
}
