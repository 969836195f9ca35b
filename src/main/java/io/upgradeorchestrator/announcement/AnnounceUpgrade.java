package io.upgradeorchestrator.announcement;

import static io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess.ANNOUNCED_AT;
import static io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess.ANNOUNCEMENT_SENT_TO;
import static io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess.ANNOUNCEMENT_SEQUENCE;
import static io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess.REMINDER_DUE;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_END;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.notification.CalendarInvite;
import io.upgradeorchestrator.notification.MailService;
import io.upgradeorchestrator.notification.OutgoingMail;
import io.upgradeorchestrator.notification.UpgradeWindowEvent;

/**
 * Tells the affected users (the system's notification list and those of the systems that depend on it) when the
 * upgrade happens, what it means for them and whom to ask, with the window as a calendar invite. Announcing again
 * (a moved window) raises the invite's sequence, so calendars update the same entry.
 */
@Component("announceUpgrade")
class AnnounceUpgrade implements JavaDelegate {

    static final String TEMPLATE = "upgrade-announcement";

    private final AnnouncementMail announcements;
    private final MailService mailService;
    private final CalendarInvite calendarInvite;
    private final AnnouncementProperties properties;
    private final Clock clock;

    AnnounceUpgrade(AnnouncementMail announcements, MailService mailService, CalendarInvite calendarInvite,
                    AnnouncementProperties properties, Clock clock) {
        this.announcements = announcements;
        this.mailService = mailService;
        this.calendarInvite = calendarInvite;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Announcement announcement = announcements.announcement(execution);
        Instant start = WINDOW_START.require(execution).toInstant();
        Instant end = WINDOW_END.require(execution).toInstant();
        Integer previous = ANNOUNCEMENT_SEQUENCE.get(execution);
        int sequence = previous == null ? 0 : previous + 1;
        UpgradeWindowEvent event = new UpgradeWindowEvent(UPGRADE_ID.require(execution), start, end,
                announcement.summary(), announcement.description(), announcement.recipients(), sequence);

        mailService.send(new OutgoingMail(announcement.recipients(), TEMPLATE,
                announcements.model(execution, announcement), List.of(calendarInvite.request(event))));

        ANNOUNCEMENT_SEQUENCE.set(execution, sequence);
        ANNOUNCEMENT_SENT_TO.set(execution, String.join(", ", announcement.recipients()));
        ANNOUNCED_AT.set(execution, Date.from(clock.instant()));
        // A moment already past fires at once: the reminder then follows the announcement right away.
        REMINDER_DUE.set(execution, Date.from(start.minus(properties.reminderLead())));
    }
}
