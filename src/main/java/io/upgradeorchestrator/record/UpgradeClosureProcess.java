package io.upgradeorchestrator.record;

import java.util.Date;

import io.upgradeorchestrator.variables.Var;

/**
 * "Close upgrade" ({@code processes/upgrade-closure.bpmn}): tells the users it is done (when completed), writes the
 * upgrade record from what the process really did, sends it to the requester and the owners, and completes it with
 * the post-implementation review. Called by the main process with {@link #CLOSE_AS} set.
 */
public final class UpgradeClosureProcess {

    private UpgradeClosureProcess() {
    }

    public static final String KEY = "upgradeClosure";

    /** The diagram's element ids, for tests and for anyone reading the history. */
    public static final class Elements {

        private Elements() {
        }

        public static final String START = "StartEvent_ClosureStarted";
        public static final String WRITE_RECORD = "Task_WriteUpgradeRecord";
        public static final String UPGRADE_COMPLETED = "Gateway_UpgradeCompleted";
        public static final String TELL_USERS = "Task_TellUsersUpgradeCompleted";
        public static final String SEND_RECORD = "Task_SendUpgradeRecord";
        public static final String REVIEW_UPGRADE = "Task_ReviewUpgrade";
        public static final String COMPLETE_RECORD = "Task_CompleteUpgradeRecord";
        public static final String RECORD_COMPLETED = "EndEvent_RecordCompleted";
    }

    /** COMPLETED or ROLLED_BACK, set by the caller. */
    public static final Var<String> CLOSE_AS = Var.string("closeAs");
    public static final String COMPLETED = "COMPLETED";
    public static final String ROLLED_BACK = "ROLLED_BACK";

    public static final Var<Date> RECORD_WRITTEN_AT = Var.date("recordWrittenAt");
    public static final Var<String> RECORD_SENT_TO = Var.text("recordSentTo");
    public static final Var<String> COMPLETION_SENT_TO = Var.text("completionSentTo");

    // Post-implementation review (form fields) and who gave it.
    public static final Var<String> LESSONS_LEARNED = Var.string("lessonsLearned");
    public static final Var<String> FOLLOW_UPS = Var.string("followUps");
    public static final Var<String> REVIEWED_BY = Var.string("reviewedBy");
    public static final Var<Date> REVIEWED_AT = Var.date("reviewedAt");
    public static final Var<Date> RECORD_COMPLETED_AT = Var.date("recordCompletedAt");
}
