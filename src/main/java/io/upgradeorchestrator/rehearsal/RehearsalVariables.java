package io.upgradeorchestrator.rehearsal;

import io.upgradeorchestrator.variables.Var;

/** What the rehearsal showed, for the approvers and the maintenance window. */
public final class RehearsalVariables {

    private RehearsalVariables() {
    }

    public static final Var<Boolean> REHEARSAL_REQUIRED = Var.bool("rehearsalRequired");
    public static final Var<String> REHEARSAL_NODES = Var.text("rehearsalNodes");
    public static final Var<Boolean> REHEARSAL_PASSED = Var.bool("rehearsalPassed");
    public static final Var<Integer> REHEARSAL_UPGRADE_MINUTES = Var.integer("rehearsalUpgradeMinutes");
    public static final Var<Integer> REHEARSAL_ROLLBACK_MINUTES = Var.integer("rehearsalRollbackMinutes");
    public static final Var<String> ACCEPTANCE_SUMMARY = Var.text("acceptanceSummary");
    public static final Var<String> PERFORMANCE_SUMMARY = Var.text("performanceSummary");
    public static final Var<String> REHEARSAL_SUMMARY = Var.text("rehearsalSummary");
    /** REPLAN or CANCEL, chosen by the requester in "Review failed rehearsal". */
    public static final Var<String> REHEARSAL_REVIEW_DECISION = Var.string("rehearsalReviewDecision");
}
