package io.upgradeorchestrator.announcement;

import static io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess.REMINDED_AT;

import java.time.Clock;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.notification.MailService;
import io.upgradeorchestrator.notification.OutgoingMail;

/** Reminds the affected users shortly before the window, with the same facts as the announcement. */
@Component("remindAffectedUsers")
class RemindAffectedUsers implements JavaDelegate {

    static final String TEMPLATE = "upgrade-reminder";

    private final AnnouncementMail announcements;
    private final MailService mailService;
    private final Clock clock;

    RemindAffectedUsers(AnnouncementMail announcements, MailService mailService, Clock clock) {
        this.announcements = announcements;
        this.mailService = mailService;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Announcement announcement = announcements.announcement(execution);
        mailService.send(new OutgoingMail(announcement.recipients(), TEMPLATE,
                announcements.model(execution, announcement)));
        REMINDED_AT.set(execution, Date.from(clock.instant()));
    }
}
