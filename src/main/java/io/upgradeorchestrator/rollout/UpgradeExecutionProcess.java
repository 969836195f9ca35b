package io.upgradeorchestrator.rollout;

import java.util.Date;
import java.util.List;
import java.util.Map;

import io.upgradeorchestrator.variables.Var;

/**
 * "Carry out upgrade" ({@code processes/upgrade-execution.bpmn}): final backup, baseline, staged rollout with a
 * health gate per wave, the rollback decision, rollback by compensation, verification. Called by "Change the
 * system", which maps each variable in and out by name ({@code upgrade-change.bpmn}); it ends with
 * {@link #EXECUTION_OUTCOME} for that diagram to branch on.
 */
public final class UpgradeExecutionProcess {

    private UpgradeExecutionProcess() {
    }

    public static final String KEY = "upgradeExecution";

    /** COMPLETED, ROLLED_BACK or REPLAN_WINDOW. */
    public static final Var<String> EXECUTION_OUTCOME = Var.string("executionOutcome");
    public static final String COMPLETED = "COMPLETED";
    public static final String ROLLED_BACK = "ROLLED_BACK";
    public static final String REPLAN_WINDOW = "REPLAN_WINDOW";

    public static final Var<Date> UPGRADE_STARTED_AT = Var.date("upgradeStartedAt");
    public static final Var<Date> UPGRADE_FINISHED_AT = Var.date("upgradeFinishedAt");
    /** Identifies this execution of the upgrade in file names and idempotency keys (the process instance id). */
    public static final Var<String> ROLLOUT_RUN_ID = Var.string("rolloutRunId");

    // --- Protect ------------------------------------------------------------------------------------------
    /** The folder holding one file per production node and the SHA256SUMS manifest. */
    public static final Var<String> FINAL_BACKUP_LOCATION = Var.string("finalBackupLocation");
    /** SHA-256 of the SHA256SUMS manifest, which lists the SHA-256 of every node's file. */
    public static final Var<String> FINAL_BACKUP_SHA256 = Var.string("finalBackupSha256");
    /** All node files together. */
    public static final Var<Long> FINAL_BACKUP_SIZE_BYTES = Var.longNumber("finalBackupSizeBytes");
    public static final Var<Boolean> FINAL_BACKUP_VERIFIED = Var.bool("finalBackupVerified");
    public static final Var<String> FINAL_BACKUP_SUMMARY = Var.text("finalBackupSummary");

    // --- Baseline ------------------------------------------------------------------------------------------
    /** JSON list of {name, latencyMillis, errorRatePercent}, one entry per runbook probe, before any node changed. */
    public static final Var<String> BASELINE_SUMMARY = Var.text("baselineSummary");
    /** The nodes the baseline is measured on, as one batch for "Run probes on nodes"; empty when there are no probes. */
    public static final Var<List<List<String>>> BASELINE_BATCHES = Var.list("baselineBatches");

    // --- Rollout -------------------------------------------------------------------------------------------
    public static final Var<Integer> WAVES_TOTAL = Var.integer("wavesTotal");
    /** The nodes of each wave, in plan order: the batches of the per-node backups and acceptance checks. */
    public static final Var<List<List<String>>> NODE_BATCHES = Var.list("nodeBatches");
    /** Wave numbers still to run; the collection of the wave multi-instance. */
    public static final Var<List<Integer>> PENDING_WAVES = Var.list("pendingWaves");
    /** The element variable of the wave multi-instance. */
    public static final String WAVE_NUMBER = "waveNumber";
    /** Set by a wave whose health gate found a trigger; stops the remaining waves. */
    public static final Var<String> WAVE_TRIGGER = Var.string("waveTrigger");
    public static final Var<String> WAVE_TRIGGER_DETAIL = Var.text("waveTriggerDetail");
    public static final Var<Integer> NODES_UPGRADED = Var.integer("nodesUpgraded");
    public static final Var<Integer> NODES_FAILED = Var.integer("nodesFailed");
    public static final Var<String> ROLLOUT_SUMMARY = Var.text("rolloutSummary");
    public static final Var<Boolean> WAVES_LEFT = Var.bool("wavesLeft");

    // --- Rollback decision -----------------------------------------------------------------------------------
    /** CANARY_FAILED, FAILURE_THRESHOLD, HEALTH_GATE, CORE_CHECK_FAILED, MANUAL_CHECK_FAILED (later also MONITORING_BREACH, USER_REPORT). */
    /** ROLL_BACK or CONTINUE. */
    public static final Var<String> ROLLBACK_DECISION = Var.string("rollbackDecision");
    public static final Var<String> ROLLBACK_REASON = Var.string("rollbackReason");
    /** "automatic (plan)", the deciding user's id, or "deadline policy". */
    public static final Var<String> ROLLBACK_DECIDED_BY = Var.string("rollbackDecidedBy");

    // --- Verify ----------------------------------------------------------------------------------------------
    public static final Var<Boolean> CORE_CHECKS_PASSED = Var.bool("coreChecksPassed");
    public static final Var<Boolean> VERIFICATION_PASSED = Var.bool("verificationPassed");
    public static final Var<String> VERIFICATION_SUMMARY = Var.text("verificationSummary");
    public static final Var<String> LOG_REVIEW_SUMMARY = Var.text("logReviewSummary");
    public static final Var<String> MANUAL_CHECK_SUMMARY = Var.text("manualCheckSummary");
    public static final Var<String> CHANGED_CONFIGURATION = Var.text("changedConfiguration");
    /** Form fields of "Check manually". */
    public static final Var<String> MANUAL_CHECKS_DONE = Var.string("manualChecksDone");
    public static final Var<String> MANUAL_FINDINGS = Var.string("manualFindings");
    public static final Var<Boolean> MANUAL_CHECKS_OK = Var.bool("manualChecksOk");

    public static final class Triggers {
        private Triggers() {
        }

        public static final String CANARY_FAILED = "CANARY_FAILED";
        public static final String FAILURE_THRESHOLD = "FAILURE_THRESHOLD";
        public static final String HEALTH_GATE = "HEALTH_GATE";
        public static final String CORE_CHECK_FAILED = "CORE_CHECK_FAILED";
        public static final String MANUAL_CHECK_FAILED = "MANUAL_CHECK_FAILED";
    }

    /** The diagram's element ids, for tests and for anyone reading the history. */
    public static final class Elements {

        private Elements() {
        }

        public static final String PLAN_WAVES = "Task_PlanWaves";
        public static final String BACK_UP_NODES = "CallActivity_BackUpNodes";
        public static final String TAKE_FINAL_BACKUP = "Task_TakeFinalBackup";
        public static final String FINAL_BACKUP_VERIFIED = "Gateway_FinalBackupVerified";
        public static final String REPORT_BACKUP_FAILURE = "Task_ReportBackupFailure";
        public static final String WINDOW_TO_REPLAN = "EndEvent_WindowToReplan";
        /** Calls "Run probes on nodes" (node-probes.bpmn) with round key {@code baseline}. */
        public static final String MEASURE_BASELINE = "CallActivity_MeasureBaseline";
        public static final String JUDGE_BASELINE = "Task_JudgeBaseline";
        public static final String UPGRADE_WAVES = "CallActivity_UpgradeWave";
        public static final String ROLLOUT_STOPPED = "Gateway_RolloutStopped";
        public static final String CHECK_NODES_ACCEPTANCE = "CallActivity_CheckNodesAcceptance";
        public static final String RUN_ACCEPTANCE_CHECKS = "Task_RunAcceptanceChecks";
        public static final String CORE_CHECKS_PASSED = "Gateway_CoreChecksPassed";
        public static final String REVIEW_LOGS = "Task_ReviewLogs";
        public static final String CHECK_MANUALLY = "Task_CheckManually";
        public static final String MANUAL_CHECKS_OK = "Gateway_ManualChecksOk";
        public static final String COMPLETED_END = "EndEvent_UpgradeCarriedOut";
        public static final String FIND_REMAINING_WAVES = "Task_FindRemainingWaves";
        public static final String RESTORE_AND_VERIFY = "CallActivity_RestoreAndVerify";
        public static final String ROLLED_BACK_END = "EndEvent_UpgradeRolledBack";
    }
}
