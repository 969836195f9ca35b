package io.upgradeorchestrator.window;

import java.util.Date;
import java.util.List;
import java.util.Map;

import io.upgradeorchestrator.variables.Var;

/**
 * "Confirm maintenance window" (processes/maintenance-window.bpmn): its key, element ids and variables. The
 * outputs (required length, plan, rollback deadline, confirmations) are read by the approval form and the phases
 * after it.
 */
public final class MaintenanceWindowProcess {

    private MaintenanceWindowProcess() {
    }

    public static final String KEY = "maintenanceWindow";

    public static final String TASK_CHECK_WINDOW = "Task_CheckWindow";
    public static final String TASK_REPLAN_WINDOW = "Task_ReplanWindow";
    public static final String TASK_PLAN_AVAILABILITY = "Task_PlanAvailability";
    public static final String TASK_CONFIRM_AVAILABILITY = "Task_ConfirmAvailability";
    public static final String TASK_CONFIRM_WINDOW = "Task_ConfirmWindow";
    public static final String END_WINDOW_CONFIRMED = "EndEvent_WindowConfirmed";

    // --- Inputs (from the assessment and, when it ran, the rehearsal) ---------------------------------

    // --- Outputs ---------------------------------------------------------------------------------------
    /** Minutes the window must give, rollback included. */
    public static final Var<Integer> REQUIRED_WINDOW_MINUTES = Var.integer("requiredWindowMinutes");
    /** The required length part by part, one line each, for people. */
    public static final Var<String> WINDOW_PLAN = Var.text("windowPlan");
    /** The window passed every rule (length, freezes, peak periods, conflicts). */
    public static final Var<Boolean> WINDOW_FITS = Var.bool("windowFits");
    /** Why the window must be re-planned, one reason per line; empty when it fits. */
    public static final Var<String> WINDOW_PROBLEMS = Var.text("windowProblems");
    /** The window fits and every on-call role confirmed it. */
    public static final Var<Boolean> WINDOW_CONFIRMED = Var.bool("windowConfirmed");
    /** Who confirmed availability for which role, one line each. */
    public static final Var<String> SUPPORT_CONFIRMATIONS = Var.text("supportConfirmations");
    /** The last moment a rollback can start and still end inside the window: window end minus rollback time. */
    public static final Var<Date> ROLLBACK_DEADLINE = Var.date("rollbackDeadline");

    // --- Support availability round --------------------------------------------------------------------
    /** One entry per on-call role: {@code role} and {@code group}; the multi-instance collection. */
    public static final Var<List<Map<String, Object>>> SUPPORT_ROLES = Var.list("supportRoles");
    /** The role of one "Confirm availability" task (the multi-instance element variable). */
    public static final String SUPPORT_ROLE = "supportRole";
    public static final Var<Boolean> SUPPORT_AVAILABLE = Var.bool("supportAvailable");
    public static final Var<List<String>> AVAILABILITY_ANSWERS = Var.list("availabilityAnswers");

    // Form fields of one "Confirm availability" task (task-local).
    public static final String AVAILABLE = "available";
    public static final Var<String> AVAILABILITY_COMMENT = Var.string("availabilityComment");
}
