package io.upgradeorchestrator.announcement;

import java.util.Date;

import io.upgradeorchestrator.variables.Var;

/** "Announce upgrade" (processes/upgrade-announcement.bpmn): its key, element ids and variables. */
public final class UpgradeAnnouncementProcess {

    private UpgradeAnnouncementProcess() {
    }

    public static final String KEY = "upgradeAnnouncement";

    public static final String TASK_ANNOUNCE_UPGRADE = "Task_AnnounceUpgrade";
    public static final String TIMER_REMINDER_DUE = "IntermediateEvent_ReminderDue";
    public static final String TASK_REMIND_AFFECTED_USERS = "Task_RemindAffectedUsers";
    public static final String TIMER_WINDOW_STARTS = "IntermediateEvent_WindowStarts";
    public static final String END_WINDOW_REACHED = "EndEvent_WindowReached";

    /** The addresses the announcement went to, comma-separated. */
    public static final Var<String> ANNOUNCEMENT_SENT_TO = Var.text("announcementSentTo");
    public static final Var<Date> ANNOUNCED_AT = Var.date("announcedAt");
    /** When the reminder goes out: the window's start minus the configured lead. */
    public static final Var<Date> REMINDER_DUE = Var.date("reminderDue");
    public static final Var<Date> REMINDED_AT = Var.date("remindedAt");
    /** Revision of the calendar invite: 0 first, one more every time the upgrade is announced again. */
    public static final Var<Integer> ANNOUNCEMENT_SEQUENCE = Var.integer("announcementSequence");
}
