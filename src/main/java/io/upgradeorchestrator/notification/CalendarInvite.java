package io.upgradeorchestrator.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * Builds the {@code upgrade.ics} calendar invite that goes with the announcement to affected users (iTIP,
 * RFC 5546): {@link #request} puts the maintenance window into their calendars, {@link #cancel} removes it.
 *
 * <p>The UID depends only on the upgrade id, so calendar clients treat a re-sent or moved window as an update of
 * the same entry, provided the SEQUENCE grows.
 */
public class CalendarInvite {

    static final String FILE_NAME = "upgrade.ics";
    static final String PRODUCT_ID = "-//Upgrade Orchestrator//Upgrade Orchestrator//EN";

    private final InternetAddress organizer;
    private final Clock clock;

    CalendarInvite(InternetAddress organizer, Clock clock) {
        this.organizer = organizer;
        this.clock = clock;
    }

    /** The invite for the window (METHOD:REQUEST) with the event's sequence. */
    public MailAttachment request(UpgradeWindowEvent event) {
        return attachment(ImmutableMethod.REQUEST, ImmutableStatus.VEVENT_CONFIRMED, event);
    }

    /**
     * The cancellation (METHOD:CANCEL) of an invite sent before.
     *
     * @param lastSent the event as last sent; the cancellation carries its sequence plus one, which calendar
     *                 clients need to accept it as newer
     */
    public MailAttachment cancel(UpgradeWindowEvent lastSent) {
        return attachment(ImmutableMethod.CANCEL, ImmutableStatus.VEVENT_CANCELLED,
                lastSent.withSequence(lastSent.sequence() + 1));
    }

    /** Stable per upgrade: the same upgrade always yields the same calendar entry. */
    static String uidFor(String upgradeId) {
        return "upgrade-" + upgradeId.strip() + "@upgrade-orchestrator";
    }

    private MailAttachment attachment(Method method, Status status, UpgradeWindowEvent event) {
        if (event.attendees().isEmpty()) {
            // iTIP (RFC 5546) requires at least one ATTENDEE in a REQUEST or CANCEL.
            throw new IllegalArgumentException("Calendar invite for upgrade " + event.upgradeId()
                    + " needs at least one attendee (the affected users)");
        }
        VEvent vevent = new VEvent(event.start(), event.end(), event.summary());
        vevent.add(new Uid(uidFor(event.upgradeId())));
        // The constructor stamps the current time; use the injected clock instead.
        vevent.replace(new DtStamp(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        vevent.add(new Sequence(event.sequence()));
        vevent.add(status);
        // Users are not busy during someone else's maintenance: keep their free/busy time untouched.
        vevent.add(ImmutableTransp.TRANSPARENT);
        if (!event.description().isBlank()) {
            vevent.add(new Description(event.description()));
        }
        vevent.add(organizer());
        for (String address : event.attendees()) {
            vevent.add(attendee(address));
        }

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(method);
        calendar.add(vevent);

        String contentType = "text/calendar; method=" + method.getValue() + "; charset=UTF-8";
        return new MailAttachment(FILE_NAME, contentType, bytes(calendar, event));
    }

    private Organizer organizer() {
        Organizer property = new Organizer(URI.create("mailto:" + organizer.getAddress()));
        if (organizer.getPersonal() != null) {
            property.add(new Cn(organizer.getPersonal()));
        }
        return property;
    }

    private static Attendee attendee(String address) {
        String email;
        try {
            email = new InternetAddress(address, true).getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("Invalid attendee address '" + address + "': " + e.getMessage(), e);
        }
        Attendee attendee = new Attendee(URI.create("mailto:" + email));
        attendee.add(Role.REQ_PARTICIPANT);
        attendee.add(PartStat.NEEDS_ACTION);
        // The organizer is a machine address; replies would go nowhere.
        attendee.add(Rsvp.FALSE);
        return attendee;
    }

    private static byte[] bytes(Calendar calendar, UpgradeWindowEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("Cannot build the calendar invite for upgrade " + event.upgradeId()
                    + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
