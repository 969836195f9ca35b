package io.upgradeorchestrator.monitoring;

import java.util.Date;
import java.util.List;
import java.util.Map;

import io.upgradeorchestrator.variables.Var;

/**
 * "Monitor upgrade" ({@code processes/upgrade-monitoring.bpmn}): after the release, timers run the runbook's
 * monitoring probes on the production nodes for {@link #MONITORING_DURATION} and compare them with the baseline
 * measured before the change; a breach or a problem reported by a user asks operations / the rollback decision
 * owner to roll back, fix forward or accept. Called by "Change the system", which maps each variable in and out by
 * name ({@code upgrade-change.bpmn}); it ends with {@link #MONITORING_OUTCOME} for that diagram to branch on.
 */
public final class UpgradeMonitoringProcess {

    private UpgradeMonitoringProcess() {
    }

    public static final String KEY = "upgradeMonitoring";
    /** Correlated by business key (the upgrade id) from {@code POST /api/upgrades/{id}/problems}. */
    public static final String MESSAGE_USER_PROBLEM_REPORTED = "UserProblemReported";
    public static final String ERROR_ROLLBACK_DECIDED = "ROLLBACK_DECIDED";

    /** The diagram's element ids, for tests and for anyone reading the history. */
    public static final class Elements {

        private Elements() {
        }

        public static final String START = "StartEvent_MonitoringStarted";
        public static final String PLAN_MONITORING = "Task_PlanMonitoring";
        public static final String WATCH_SYSTEM = "SubProcess_WatchSystem";
        public static final String MONITORING_PERIOD_OVER = "IntermediateEvent_MonitoringPeriodOver";
        public static final String PROBES_DUE = "StartEvent_ProbesDue";
        public static final String START_PROBE_ROUND = "Task_StartProbeRound";
        /** Calls "Run probes on nodes" (node-probes.bpmn) per batch of production nodes. */
        public static final String RUN_PROBES = "CallActivity_RunMonitoringProbes";
        public static final String JUDGE_PROBES = "Task_JudgeMonitoringProbes";
        public static final String PROBES_WITHIN_LIMITS = "Gateway_ProbesWithinLimits";
        public static final String PROBES_OK_END = "EndEvent_ProbesWithinLimits";
        public static final String BREACH_ADDED_TO_OPEN_DECISION = "EndEvent_BreachAddedToOpenDecision";
        public static final String ALERT_OPERATIONS = "Task_AlertOperations";
        public static final String DECIDE_ON_BREACH = "Task_DecideOnBreach";
        public static final String BREACH_HANDLED = "EndEvent_BreachHandled";
        public static final String ROLLBACK_AFTER_BREACH = "EndEvent_RollbackAfterBreach";
        public static final String USER_PROBLEM_REPORTED = "StartEvent_UserProblemReported";
        public static final String RECORD_USER_PROBLEM = "Task_RecordUserProblem";
        public static final String PROBLEM_ADDED_TO_OPEN_DECISION = "EndEvent_ProblemAddedToOpenDecision";
        public static final String ALERT_OPERATIONS_OF_PROBLEM = "Task_AlertOperationsOfProblem";
        public static final String DECIDE_ON_USER_PROBLEM = "Task_DecideOnUserProblem";
        public static final String PROBLEM_HANDLED = "EndEvent_ProblemHandled";
        public static final String ROLLBACK_AFTER_USER_PROBLEM = "EndEvent_RollbackAfterUserProblem";
        public static final String ROLLBACK_DECIDED_BOUNDARY = "BoundaryEvent_RollbackDecided";
        public static final String SYSTEM_STABLE_END = "EndEvent_SystemStable";
        public static final String ROLLBACK_DECIDED_END = "EndEvent_RollbackDecided";
    }

    // --- In (set by the main process) ---------------------------------------------------------------------
    /** ISO-8601 duration from the risk decision, e.g. {@code PT24H}. */
    public static final Var<String> MONITORING_DURATION = Var.string("monitoringDuration");
    /** JSON list of {name, latencyMillis, errorRatePercent}, measured before the first node changed. */

    // --- Plan ----------------------------------------------------------------------------------------------
    public static final Var<Date> MONITORING_STARTED_AT = Var.date("monitoringStartedAt");
    public static final Var<Date> MONITORING_ENDS_AT = Var.date("monitoringEndsAt");
    /** The probe timer's ISO-8601 cycle, e.g. {@code R95/PT15M}: the last round runs before the period ends. */
    public static final Var<String> MONITORING_CYCLE = Var.string("monitoringCycle");
    /** Comma-separated candidate groups of the decision tasks: operations and the rollback decision owner. */
    public static final Var<String> MONITORING_DECISION_GROUPS = Var.string("monitoringDecisionGroups");
    /** True while a decision task is open: further breaches and reports join it instead of opening another. */
    public static final Var<Boolean> MONITORING_DECISION_OPEN = Var.bool("monitoringDecisionOpen");

    // --- Probe rounds --------------------------------------------------------------------------------------
    public static final Var<Integer> PROBE_ROUNDS = Var.integer("probeRounds");
    /** The round's number, its key in probe_measurement and action keys, its batches of node ids (round-local). */
    public static final Var<Integer> PROBE_ROUND = Var.integer("probeRound");
    public static final Var<String> PROBE_ROUND_KEY = Var.string(NodeProbesProcess.PROBE_ROUND_KEY);
    public static final Var<List<List<String>>> PROBE_BATCHES = Var.list("probeBatches");
    /** Rounds in which at least one probe breached its limits. */
    public static final Var<Integer> BREACH_ROUNDS = Var.integer("breachRounds");
    /** The breaches of the latest round (task-local scope of the round). */
    public static final Var<Boolean> PROBES_WITHIN_LIMITS = Var.bool("probesWithinLimits");
    public static final Var<String> LAST_PROBE_RESULTS = Var.text("lastProbeResults");
    /** What the decision is about: the breach or the user's report, for the form and the alert. */
    public static final Var<String> BREACH_SUMMARY = Var.text("breachSummary");
    public static final Var<String> BREACHED_PROBE = Var.text("breachedProbe");
    public static final Var<String> BREACH_MEASURED = Var.text("breachMeasured");
    public static final Var<String> BREACH_BASELINE = Var.string("breachBaseline");
    public static final Var<String> BREACH_THRESHOLD = Var.string("breachThreshold");

    // --- User reports (message variables, then the record) -----------------------------------------------
    public static final Var<String> PROBLEM_DESCRIPTION = Var.string("problemDescription");
    public static final Var<String> PROBLEM_REPORTED_BY = Var.string("problemReportedBy");
    public static final Var<String> PROBLEM_CONTACT = Var.string("problemContact");
    /** Every report, one per line: when, who, contact, what. */
    public static final Var<String> USER_PROBLEMS = Var.text("userProblems");

    // --- Decision (form fields and what is kept) -------------------------------------------------------------
    /** Input parameter of each decision task: MONITORING_BREACH or USER_REPORT. */
    public static final Var<String> DECISION_TRIGGER = Var.string("decisionTrigger");
    public static final Var<String> MONITORING_DECISION = Var.string("monitoringDecision");
    public static final Var<String> MONITORING_DECISION_REASON = Var.string("monitoringDecisionReason");
    public static final Var<String> MONITORING_DECIDED_BY = Var.string("monitoringDecidedBy");
    /** The issues of monitoring as data (breaches and user reports with their decisions): {@code IssueList}. */
    public static final Var<List<Map<String, Object>>> MONITORING_ISSUES = Var.list("monitoringIssues");
    /** The same issues one per line, for people reading the decision form; nothing reads it back. */
    public static final Var<String> ISSUES_FOUND = Var.text("issuesFound");

    // --- Out --------------------------------------------------------------------------------------------------
    /** STABLE or ROLL_BACK. */
    public static final Var<String> MONITORING_OUTCOME = Var.string("monitoringOutcome");
    public static final Var<String> MONITORING_SUMMARY = Var.text("monitoringSummary");
    public static final Var<Date> MONITORING_ENDED_AT = Var.date("monitoringEndedAt");
    /** MONITORING_BREACH or USER_REPORT when monitoring ends with ROLL_BACK. */

    public static final String STABLE = "STABLE";
    public static final String ROLL_BACK = "ROLL_BACK";
    public static final String TRIGGER_MONITORING_BREACH = "MONITORING_BREACH";
    public static final String TRIGGER_USER_REPORT = "USER_REPORT";
}
