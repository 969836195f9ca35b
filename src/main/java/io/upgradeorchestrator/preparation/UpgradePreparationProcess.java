package io.upgradeorchestrator.preparation;

import io.upgradeorchestrator.variables.Var;

/**
 * "Plan and rehearse" ({@code processes/upgrade-preparation.bpmn}): rollback plan, backup readiness with a tested
 * restore, rehearsal on test or pilot nodes. Called by the main process, which maps each variable in and out by name
 * ({@code system-upgrade.bpmn}); it ends with {@link #PREPARATION_OUTCOME} for the main process to branch on.
 */
public final class UpgradePreparationProcess {

    private UpgradePreparationProcess() {
    }

    public static final String KEY = "upgradePreparation";

    /** READY, REPLAN or CANCEL. */
    public static final Var<String> PREPARATION_OUTCOME = Var.string("preparationOutcome");
    public static final String READY = "READY";
    public static final String REPLAN = "REPLAN";
    public static final String CANCEL = "CANCEL";

    /** The diagram's element ids, for tests and for anyone reading the history. */
    public static final class Elements {

        private Elements() {
        }

        public static final String START = "StartEvent_PreparationStarted";
        public static final String DRAFT_ROLLBACK_PLAN = "Task_DraftRollbackPlan";
        public static final String PLAN_ROLLBACK = "Task_PlanRollback";
        /** Merges the first backup round with a retry after a backup problem. */
        public static final String BACKUP_ROUND = "Gateway_BackupRound";
        public static final String TAKE_AND_TEST_BACKUP = "Task_TakeAndTestBackup";
        public static final String RESTORE_TESTED = "Gateway_RestoreTested";
        public static final String RESOLVE_BACKUP_PROBLEM = "Task_ResolveBackupProblem";
        public static final String BACKUP_PROBLEM_DECISION = "Gateway_BackupProblemDecision";
        public static final String REHEARSAL_NEEDED = "Gateway_RehearsalNeeded";
        public static final String REHEARSE_UPGRADE = "Task_RehearseUpgrade";
        public static final String REHEARSAL_PASSED = "Gateway_RehearsalPassed";
        public static final String REVIEW_FAILED_REHEARSAL = "Task_ReviewFailedRehearsal";
        public static final String REHEARSAL_REVIEW_DECISION = "Gateway_RehearsalReviewDecision";
        /** Merges "rehearsal not needed" with "rehearsal passed". */
        public static final String PREPARATION_DONE = "Gateway_PreparationDone";
        public static final String READY_END = "EndEvent_UpgradePrepared";
        public static final String REPLAN_END = "EndEvent_ReplanAfterRehearsal";
        public static final String CANCELLED_AFTER_REHEARSAL = "EndEvent_CancelledAfterRehearsal";
        public static final String CANCELLED_WITHOUT_BACKUP = "EndEvent_CancelledWithoutBackup";
        public static final String REHEARSAL_SKIPPED_FLOW = "SequenceFlow_RehearsalNotNeeded";
    }
}
