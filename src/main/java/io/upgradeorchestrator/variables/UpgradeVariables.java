package io.upgradeorchestrator.variables;

import java.util.Date;
import java.util.List;
import java.util.Map;



/**
 * The variables an upgrade carries through every phase. Names are shared with the BPMN expressions, the DMN
 * inputs and the Camunda Forms, so each is declared once here. Facts for people (summaries shown on forms) are
 * plain strings; facts for decisions keep their types.
 */
public final class UpgradeVariables {

    private UpgradeVariables() {
    }

    // --- Request: what the requester asked for (raw, as typed or posted) -----------------------------------
    public static final Var<String> UPGRADE_ID = Var.string("upgradeId");
    public static final Var<String> REQUESTER = Var.string("requester");
    public static final Var<String> SYSTEM_ID = Var.string("systemId");
    public static final Var<String> TARGET_VERSION = Var.string("targetVersion");
    public static final Var<String> REASON = Var.string("reason");
    public static final Var<String> SEVERITY = Var.string("severity");
    public static final Var<String> PURPOSE = Var.string("purpose");
    public static final Var<String> REQUESTED_WINDOW_START = Var.string("requestedWindowStart");
    public static final Var<String> REQUESTED_WINDOW_END = Var.string("requestedWindowEnd");
    public static final Var<Boolean> DATA_MIGRATION = Var.bool("dataMigration");
    public static final Var<Boolean> MIGRATION_REVERSIBLE = Var.bool("migrationReversible");
    public static final Var<String> RELEASE_NOTES_URL = Var.string("releaseNotesUrl");

    // --- Validated request ---------------------------------------------------------------------------
    public static final Var<Boolean> REQUEST_VALID = Var.bool("requestValid");
    public static final Var<String> REQUEST_PROBLEMS = Var.text("requestProblems");
    public static final Var<Date> WINDOW_START = Var.date("windowStart");
    public static final Var<Date> WINDOW_END = Var.date("windowEnd");
    public static final Var<String> WINDOW_TEXT = Var.string("windowText");
    public static final Var<String> SYSTEM_NAME = Var.string("systemName");
    public static final Var<String> CURRENT_VERSION = Var.string("currentVersion");
    public static final Var<Boolean> IRREVERSIBLE_MIGRATION = Var.bool("irreversibleMigration");
    public static final Var<String> UPGRADE_TITLE = Var.text("upgradeTitle");

    public static final Var<String> OWNER_GROUP = Var.string("ownerGroup");

    // --- Classification (classifyUpgrade decision) and the window's lead time -------------------------
    public static final Var<String> URGENCY = Var.string("urgency");
    public static final Var<String> CHANGE_TYPE = Var.string("changeType");
    public static final Var<String> MINIMUM_LEAD_TIME = Var.string("minimumLeadTime");
    public static final Var<Boolean> DEFER_UPGRADE = Var.bool("deferUpgrade");
    public static final Var<String> DEFERRAL_REASON = Var.string("deferralReason");
    public static final Var<Boolean> WINDOW_ACCEPTED = Var.bool("windowAccepted");
    public static final Var<String> WINDOW_PROBLEM = Var.text("windowProblem");

    // --- Compatibility and re-planning ---------------------------------------------------------------
    public static final Var<String> COMPATIBILITY = Var.string("compatibility");
    public static final Var<String> COMPATIBILITY_FINDINGS = Var.text("compatibilityFindings");
    public static final Var<Boolean> PILOT_REQUIRED = Var.bool("pilotRequired");
    public static final Var<String> REPLAN_DECISION = Var.string("replanDecision");

    // --- Where the upgrade stands (readable in Cockpit and through the API) ------------------------------
    public static final Var<String> PHASE = Var.string("phase");

    // --- The rollout plan (the risk decision's, read by the window check, the rollout and the probes) --------
    public static final Var<Boolean> STAGED_ROLLOUT = Var.bool("stagedRollout");
    public static final Var<Integer> CANARY_NODES = Var.integer("canaryNodes");
    public static final Var<Integer> MAX_PARALLEL_NODES = Var.integer("maxParallelNodes");

    // --- Why a rollback was decided (set by the rollout, the verification and the monitoring) -----------
    public static final Var<String> ROLLBACK_TRIGGER = Var.string("rollbackTrigger");
    public static final Var<String> ROLLBACK_TRIGGER_DETAIL = Var.text("rollbackTriggerDetail");

    // --- The baseline per probe, measured before the change and compared against by the monitoring --------
    public static final Var<List<Map<String, Object>>> BASELINE_PROBES = Var.list("baselineProbes");
}
