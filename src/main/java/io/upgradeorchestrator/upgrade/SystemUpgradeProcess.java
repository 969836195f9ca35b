package io.upgradeorchestrator.upgrade;

/** The main process, system-upgrade.bpmn: its key and the element ids code and tests refer to. */
public final class SystemUpgradeProcess {

    private SystemUpgradeProcess() {
    }

    public static final String KEY = "systemUpgrade";
    /** "Change the system" (upgrade-change.bpmn): carry out, monitor and close, undone as a whole by compensation. */
    public static final String CHANGE_KEY = "upgradeChange";
    /** "Classify upgrade request" (upgrade-intake.bpmn): validation, correction and deferral of the request. */
    public static final String INTAKE_KEY = "upgradeIntake";

    public static final String START_EVENT = "StartEvent_UpgradeRequested";
    public static final String CALL_CLASSIFY_REQUEST = "CallActivity_ClassifyRequest";
    public static final String CALL_ASSESS_UPGRADE = "CallActivity_AssessUpgrade";
    public static final String CALL_PLAN_AND_REHEARSE = "CallActivity_PlanAndRehearse";
    public static final String CALL_CONFIRM_WINDOW = "CallActivity_ConfirmWindow";
    public static final String CALL_AUTHORIZE_UPGRADE = "CallActivity_AuthorizeUpgrade";
    public static final String CALL_ANNOUNCE_UPGRADE = "CallActivity_AnnounceUpgrade";
    public static final String TASK_REPLAN_OR_CANCEL = "Task_ReplanOrCancel";
    public static final String TASK_REVISE_REQUEST = "Task_ReviseRequest";
    public static final String CALL_CHANGE_SYSTEM = "CallActivity_ChangeSystem";
    public static final String END_COMPLETED = "EndEvent_UpgradeCompleted";
    public static final String END_ROLLED_BACK = "EndEvent_UpgradeRolledBack";
    public static final String END_REJECTED = "EndEvent_UpgradeRejected";
    public static final String END_CANCELLED = "EndEvent_UpgradeCancelled";
    public static final String END_CANCELLED_IN_PREPARATION = "EndEvent_CancelledInPreparation";
    public static final String END_DEFERRED = "EndEvent_UpgradeDeferred";
}
