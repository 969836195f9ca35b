package io.upgradeorchestrator.rulechange;

/** {@code rule-change-approval.bpmn}: its key, element ids, variables and decisions. */
public final class RuleChangeApprovalProcess {

    private RuleChangeApprovalProcess() {
    }

    public static final String KEY = "ruleChangeApproval";

    public static final String TASK_APPROVE_RULE_CHANGE = "Task_ApproveRuleChange";
    public static final String TASK_DEPLOY_RULE_CHANGE = "Task_DeployRuleChange";
    public static final String END_RULE_CHANGE_DEPLOYED = "EndEvent_RuleChangeDeployed";
    public static final String END_RULE_CHANGE_REJECTED = "EndEvent_RuleChangeRejected";

    /** Shown on the form; the rule change itself is found by the process instance's business key. */
    public static final String RULE_CHANGE_ID = "ruleChangeId";
    public static final String SUBMITTED_BY = "submittedBy";
    public static final String DEPLOYMENT_NAME = "deploymentName";
    public static final String FILES = "files";
    /** The approver's answer on the form: {@link #APPROVE} or {@link #REJECT}. */
    public static final String DECISION = "ruleChangeDecision";
    public static final String COMMENT = "ruleChangeComment";

    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";
}
