package io.upgradeorchestrator.upgrade;

/** The main process, system-upgrade.bpmn: its key and the element ids code and tests refer to. */
public final class SystemUpgradeProcess {

    private SystemUpgradeProcess() {
    }

    public static final String KEY = "systemUpgrade";

    public static final String START_EVENT = "StartEvent_UpgradeRequested";
    public static final String CALL_CLASSIFY_REQUEST = "CallActivity_ClassifyRequest";
    public static final String CALL_ASSESS_UPGRADE = "CallActivity_AssessUpgrade";
    public static final String CALL_AUTHORIZE_UPGRADE = "CallActivity_AuthorizeUpgrade";
    public static final String TASK_REPLAN_OR_CANCEL = "Task_ReplanOrCancel";
    public static final String TASK_REVISE_REQUEST = "Task_ReviseRequest";
    public static final String END_AUTHORIZED = "EndEvent_UpgradeAuthorized";
    public static final String END_REJECTED = "EndEvent_UpgradeRejected";
    public static final String END_CANCELLED = "EndEvent_UpgradeCancelled";
    public static final String END_DEFERRED = "EndEvent_UpgradeDeferred";
}
