package io.upgradeorchestrator.announcement;

import static io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess.ANNOUNCED_AT;
import static io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess.ANNOUNCEMENT_SENT_TO;
import static io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess.ANNOUNCEMENT_SEQUENCE;
import static io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess.REMINDED_AT;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.testing.Mails;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;

/** Every path of "Announce upgrade" (upgrade-announcement.bpmn), with mail through a real SMTP server. */
@ProcessTest
class UpgradeAnnouncementProcessTest {

    private static final DateTimeFormatter ICAL_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The notification lists of billing-db and of the two systems that depend on it. */
    private static final List<String> AFFECTED = List.of("billing-users@example.org",
            "finance-operations@example.org", "service-desk@example.org", "portal-users@example.org",
            "customer-service@example.org", "controlling@example.org", "accounting@example.org");

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;

    @BeforeEach
    void initAssertions() {
        AbstractAssertions.init(engine);
    }

    @AfterEach
    void resetClock() {
        upgrades.resetClock();
    }

    @Test
    void shouldAnnounceWithACalendarInviteThenRemindThenWaitForTheWindow() throws Exception {
        Instant start = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant end = start.plus(6, ChronoUnit.HOURS);
        ProcessInstance announcement = start(start, end);
        String upgradeId = upgrades.businessKey(announcement);

        upgrades.runJobs(announcement);

        MimeMessage[] sent = smtp.getReceivedMessages();
        assertThat(sent).hasSize(AFFECTED.size());
        MimeMessage mail = sent[0];
        assertThat(Arrays.stream(mail.getRecipients(MimeMessage.RecipientType.TO)).map(Address::toString))
                .containsExactlyElementsOf(AFFECTED);
        String when = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
                .withZone(ZoneOffset.UTC).format(start);
        assertThat(mail.getSubject()).isEqualTo("Planned maintenance: Billing database (PostgreSQL) upgrade to 15.7, "
                + when);
        String text = Mails.text(mail);
        // the system, the versions, what is unavailable and when
        assertThat(text).contains("Billing database (PostgreSQL) will be upgraded from version 15.6 to version 15.7",
                "Billing database (PostgreSQL) is upgraded from version 15.6 to version 15.7.", "When", when);
        assertThat(text).contains(
                "Billing database (PostgreSQL) (Invoicing, Payment collection, Dunning) stays up but with short"
                        + " interruptions",
                "Customer billing portal (Online invoices, Customer self-service payments) may not work or may be slow",
                "Finance reporting",
                "Please avoid",
                "Entering or changing data in Billing database (PostgreSQL) or Customer billing portal or ",
                "System owner (billing-owners): ", "olga@example.org", "dora@example.org",
                "Operations (operations): oscar@example.org",
                "https://example.org/release-notes");

        Calendar invite = new CalendarBuilder().build(Mails.attachment(mail, "upgrade.ics"));
        assertThat(invite.getProperty(Property.METHOD).map(Property::getValue)).contains("REQUEST");
        VEvent event = invite.<VEvent>getComponents("VEVENT").get(0);
        assertThat(value(event, Property.UID)).isEqualTo("upgrade-" + upgradeId + "@upgrade-orchestrator");
        assertThat(value(event, Property.DTSTART)).isEqualTo(ICAL_UTC.format(start));
        assertThat(value(event, Property.DTEND)).isEqualTo(ICAL_UTC.format(end));
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
        assertThat(value(event, Property.SUMMARY)).isEqualTo("Maintenance: Billing database (PostgreSQL) upgrade to 15.7 ("
                + upgradeId + ")");
        assertThat(value(event, Property.DESCRIPTION)).contains("Please avoid:", "from version 15.6 to version 15.7");
        assertThat(event.getProperties(Property.ATTENDEE)).hasSize(AFFECTED.size());

        assertThat(upgrades.variable(announcement, ANNOUNCEMENT_SENT_TO)).isEqualTo(String.join(", ", AFFECTED));
        assertThat(upgrades.variable(announcement, ANNOUNCED_AT)).isInstanceOf(Date.class);
        BpmnAwareTests.assertThat(announcement).isWaitingAt(UpgradeAnnouncementProcess.TIMER_REMINDER_DUE);
        Job reminder = timer(announcement);
        assertThat(reminder.getDuedate()).isEqualTo(Date.from(start.minus(24, ChronoUnit.HOURS)));

        // A day before the window the reminder goes out.
        upgrades.passTime(Duration.between(Instant.now(), start.minus(23, ChronoUnit.HOURS)));
        upgrades.runJobs(announcement);

        assertThat(smtp.getReceivedMessages()).hasSize(2 * AFFECTED.size());
        MimeMessage reminderMail = smtp.getReceivedMessages()[AFFECTED.size()];
        assertThat(reminderMail.getSubject()).startsWith("Reminder: Billing database (PostgreSQL) maintenance starts ");
        assertThat(Mails.text(reminderMail)).contains("Please finish and save your work before");
        assertThat(upgrades.variable(announcement, REMINDED_AT)).isInstanceOf(Date.class);
        BpmnAwareTests.assertThat(announcement).isWaitingAt(UpgradeAnnouncementProcess.TIMER_WINDOW_STARTS);
        assertThat(timer(announcement).getDuedate()).isEqualTo(Date.from(start));

        // At the window's start the announcement phase is over.
        upgrades.passTime(Duration.ofHours(24));
        upgrades.runJobs(announcement);

        BpmnAwareTests.assertThat(announcement).isEnded().hasPassed(UpgradeAnnouncementProcess.END_WINDOW_REACHED);
        assertThat(smtp.getReceivedMessages()).hasSize(2 * AFFECTED.size());
    }

    @Test
    void shouldRemindRightAwayWhenTheWindowStartsWithinTheReminderLead() throws Exception {
        Instant start = Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        ProcessInstance announcement = start(start, start.plus(4, ChronoUnit.HOURS));

        upgrades.runJobs(announcement);

        MimeMessage[] sent = smtp.getReceivedMessages();
        assertThat(sent).hasSize(2 * AFFECTED.size());
        assertThat(sent[0].getSubject()).startsWith("Planned maintenance: ");
        assertThat(sent[AFFECTED.size()].getSubject()).startsWith("Reminder: ");
        BpmnAwareTests.assertThat(announcement).isWaitingAt(UpgradeAnnouncementProcess.TIMER_WINDOW_STARTS);
    }

    @Test
    void shouldRaiseTheInviteSequenceWhenAnnouncedAgain() throws Exception {
        Instant start = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        ProcessInstance announcement = start(start, start.plus(6, ChronoUnit.HOURS), Map.of("announcementSequence", 0));

        upgrades.runJobs(announcement);

        VEvent event = new CalendarBuilder().build(Mails.attachment(smtp.getReceivedMessages()[0], "upgrade.ics"))
                .<VEvent>getComponents("VEVENT").get(0);
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("1");
        assertThat(upgrades.variable(announcement, ANNOUNCEMENT_SEQUENCE)).isEqualTo(1);
    }

    private ProcessInstance start(Instant start, Instant end) {
        return start(start, end, Map.of());
    }

    private ProcessInstance start(Instant start, Instant end, Map<String, Object> extra) {
        String upgradeId = "UPG-TEST-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> variables = new HashMap<>(extra);
        variables.put("upgradeId", upgradeId);
        variables.put("systemId", "billing-db");
        variables.put("systemName", "Billing database (PostgreSQL)");
        variables.put("requester", "rita");
        variables.put("upgradeTitle", upgradeId + ": Billing database (PostgreSQL) 15.6 → 15.7");
        variables.put("currentVersion", "15.6");
        variables.put("targetVersion", "15.7");
        variables.put("windowStart", Date.from(start));
        variables.put("windowEnd", Date.from(end));
        variables.put("stagedRollout", true);
        variables.put("dataMigration", false);
        variables.put("releaseNotesUrl", "https://example.org/release-notes");
        return upgrades.asApplication(() -> engine.getRuntimeService()
                .startProcessInstanceByKey(UpgradeAnnouncementProcess.KEY, upgradeId, variables));
    }

    private Job timer(ProcessInstance announcement) {
        return engine.getManagementService().createJobQuery().processInstanceId(announcement.getId()).timers()
                .singleResult();
    }

    private static String value(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElse(null);
    }
}
