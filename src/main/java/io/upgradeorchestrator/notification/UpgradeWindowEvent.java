package io.upgradeorchestrator.notification;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The maintenance window of one upgrade as a calendar event for the affected users.
 *
 * @param upgradeId   the upgrade's id; the event's UID is derived from it, so a re-sent invite updates the entry
 * @param start       window start
 * @param end         window end, after start
 * @param summary     the calendar entry's title, e.g. "Maintenance: Billing DB unavailable"
 * @param description what users should know (impact, what to avoid, contact); may be empty
 * @param attendees   addresses of the affected users (or their distribution lists)
 * @param sequence    revision of this event: 0 for the first invite, raised by one on every change
 */
public record UpgradeWindowEvent(String upgradeId, Instant start, Instant end, String summary, String description,
                                 List<String> attendees, int sequence) {

    public UpgradeWindowEvent {
        if (upgradeId == null || upgradeId.isBlank()) {
            throw new IllegalArgumentException("Calendar event needs the upgrade id");
        }
        Objects.requireNonNull(start, () -> "Calendar event for " + upgradeId + " needs a start");
        Objects.requireNonNull(end, () -> "Calendar event for " + upgradeId + " needs an end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("Calendar event for " + upgradeId + " must end after it starts ("
                    + start + " .. " + end + ")");
        }
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("Calendar event for " + upgradeId + " needs a summary");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("Calendar event sequence must not be negative: " + sequence);
        }
        description = description == null ? "" : description;
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
    }

    /** The same event as a new revision, e.g. after the window moved. */
    public UpgradeWindowEvent withSequence(int newSequence) {
        return new UpgradeWindowEvent(upgradeId, start, end, summary, description, attendees, newSequence);
    }
}
