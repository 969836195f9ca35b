package io.upgradeorchestrator.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

class CalendarInviteTest {

    private static final Instant START = Instant.parse("2026-03-14T21:00:00Z");
    private static final Instant END = Instant.parse("2026-03-15T01:00:00Z");

    private final CalendarInvite invites = new CalendarInvite(address("Upgrade Orchestrator <upgrades@example.org>"),
            Clock.fixed(MailFixtures.NOW, ZoneOffset.UTC));

    private final UpgradeWindowEvent event = new UpgradeWindowEvent("UPG-2026-0007", START, END,
            "Maintenance: Billing DB", "Billing is unavailable.\nDo not enter invoices.",
            List.of("alice@example.org", "Bob <bob@example.org>"), 0);

    @Test
    void requestParsesBackWithUidTimesAndMethod() throws Exception {
        MailAttachment attachment = invites.request(event);

        assertThat(attachment.fileName()).isEqualTo("upgrade.ics");
        assertThat(attachment.contentType()).isEqualTo("text/calendar; method=REQUEST; charset=UTF-8");
        Calendar calendar = parse(attachment.content());
        assertThat(value(calendar, Property.METHOD)).isEqualTo("REQUEST");
        assertThat(value(calendar, Property.PRODID)).isEqualTo(CalendarInvite.PRODUCT_ID);
        assertThat(value(calendar, Property.VERSION)).isEqualTo("2.0");

        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        VEvent vevent = events.get(0);
        assertThat(value(vevent, Property.UID)).isEqualTo("upgrade-UPG-2026-0007@upgrade-orchestrator");
        assertThat(value(vevent, Property.DTSTART)).isEqualTo("20260314T210000Z");
        assertThat(value(vevent, Property.DTEND)).isEqualTo("20260315T010000Z");
        assertThat(value(vevent, Property.DTSTAMP)).isEqualTo("20260301T093000Z");
        assertThat(value(vevent, Property.SEQUENCE)).isEqualTo("0");
        assertThat(value(vevent, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(vevent, Property.TRANSP)).isEqualTo("TRANSPARENT");
        assertThat(value(vevent, Property.SUMMARY)).isEqualTo("Maintenance: Billing DB");
        assertThat(value(vevent, Property.DESCRIPTION)).isEqualTo("Billing is unavailable.\nDo not enter invoices.");
        assertThat(value(vevent, Property.ORGANIZER)).isEqualTo("mailto:upgrades@example.org");
        List<Property> attendees = vevent.getProperties(Property.ATTENDEE);
        assertThat(attendees).extracting(Property::getValue)
                .containsExactly("mailto:alice@example.org", "mailto:bob@example.org");
    }

    @Test
    void resentInviteKeepsTheUid() throws Exception {
        VEvent first = parse(invites.request(event).content()).<VEvent>getComponents("VEVENT").get(0);
        VEvent moved = parse(invites.request(new UpgradeWindowEvent("UPG-2026-0007", START.plusSeconds(3600),
                END.plusSeconds(3600), "Maintenance: Billing DB", "", List.of("alice@example.org"), 1)).content())
                .<VEvent>getComponents("VEVENT").get(0);

        assertThat(value(moved, Property.UID)).isEqualTo(value(first, Property.UID));
        assertThat(value(moved, Property.SEQUENCE)).isEqualTo("1");
        assertThat(moved.getProperty(Property.DESCRIPTION)).isEmpty();
    }

    @Test
    void cancelUsesSameUidAndHigherSequence() throws Exception {
        MailAttachment attachment = invites.cancel(event.withSequence(2));

        assertThat(attachment.contentType()).isEqualTo("text/calendar; method=CANCEL; charset=UTF-8");
        Calendar calendar = parse(attachment.content());
        assertThat(value(calendar, Property.METHOD)).isEqualTo("CANCEL");
        VEvent vevent = calendar.<VEvent>getComponents("VEVENT").get(0);
        assertThat(value(vevent, Property.UID)).isEqualTo("upgrade-UPG-2026-0007@upgrade-orchestrator");
        assertThat(value(vevent, Property.SEQUENCE)).isEqualTo("3");
        assertThat(value(vevent, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(value(vevent, Property.DTSTART)).isEqualTo("20260314T210000Z");
    }

    @Test
    void rejectsWindowThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new UpgradeWindowEvent("UPG-2026-0007", END, START, "x", "", List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end after it starts");
    }

    @Test
    void rejectsInvalidAttendee() {
        UpgradeWindowEvent invalid = new UpgradeWindowEvent("UPG-2026-0007", START, END, "x", "",
                List.of("not an address"), 0);
        assertThatThrownBy(() -> invites.request(invalid))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an address");
    }

    @Test
    void rejectsInviteWithoutAttendees() {
        UpgradeWindowEvent nobody = new UpgradeWindowEvent("UPG-2026-0007", START, END, "x", "", List.of(), 0);
        assertThatThrownBy(() -> invites.request(nobody))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one attendee");
    }

    static Calendar parse(byte[] ics) throws Exception {
        String text = new String(ics, StandardCharsets.UTF_8);
        assertThat(text).startsWith("BEGIN:VCALENDAR\r\n"); // RFC 5545 line endings
        return new CalendarBuilder().build(new ByteArrayInputStream(ics));
    }

    private static String value(net.fortuna.ical4j.model.PropertyContainer container, String name) {
        return container.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static InternetAddress address(String text) {
        try {
            return new InternetAddress(text, true);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
