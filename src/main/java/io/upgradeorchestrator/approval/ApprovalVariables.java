package io.upgradeorchestrator.approval;

import java.util.Date;
import java.util.List;
import java.util.Map;

import io.upgradeorchestrator.variables.Var;

/** Variables of the "Authorize upgrade" process (upgrade-approval.bpmn) and its approval form. */
public final class ApprovalVariables {

    private ApprovalVariables() {
    }

    public static final String PROCESS_KEY = "upgradeApproval";
    public static final String TASK_APPROVE_UPGRADE = "Task_ApproveUpgrade";

    /** The routeApproval decision's result list: approverGroup and approvals per row. */
    public static final Var<List<Map<String, Object>>> APPROVER_ROUTES = Var.list("approverRoutes");
    /** One entry per required approval: the group that must give it. */
    public static final Var<List<String>> APPROVAL_SLOTS = Var.list("approvalSlots");
    /** The group of one approval task (the multi-instance element variable). */
    public static final Var<String> APPROVER_GROUP = Var.string("approverGroup");
    public static final Var<List<ApprovalEntry>> APPROVALS = Var.list("approvals");
    public static final Var<String> APPROVAL_OUTCOME = Var.string("approvalOutcome");
    public static final Var<String> APPROVAL_DEADLINE = Var.string("approvalDeadline");
    public static final Var<String> APPROVAL_REMINDER_AFTER = Var.string("approvalReminderAfter");
    public static final Var<Date> APPROVAL_DUE_DATE = Var.date("approvalDueDate");
    public static final Var<String> APPROVERS_SUMMARY = Var.text("approversSummary");

    // Form fields of one approval task (task-local).
    public static final Var<String> DECISION = Var.string("decision");
    public static final Var<String> DECISION_COMMENT = Var.string("decisionComment");

    // The decision that ended the round, for the requester.
    public static final Var<String> DECISION_REASON = Var.string("decisionReason");
    public static final Var<String> DECIDED_BY = Var.text("decidedBy");
}
