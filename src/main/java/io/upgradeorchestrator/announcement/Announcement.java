package io.upgradeorchestrator.announcement;

import java.util.ArrayList;
import java.util.List;

/**
 * What affected users are told about a maintenance window, in their words: who gets it, what to expect, what
 * will not work, what to avoid and whom to ask.
 */
public record Announcement(List<String> recipients, String summary, List<String> expectedImpact,
                           List<String> limitations, List<String> avoid, List<String> contact) {

    public Announcement {
        recipients = List.copyOf(recipients);
        expectedImpact = List.copyOf(expectedImpact);
        limitations = List.copyOf(limitations);
        avoid = List.copyOf(avoid);
        contact = List.copyOf(contact);
    }

    /** The calendar entry's description: the same facts as plain text. */
    public String description() {
        List<String> lines = new ArrayList<>(expectedImpact);
        if (!limitations.isEmpty()) {
            lines.add("");
            lines.add("Limitations:");
            limitations.forEach(line -> lines.add("- " + line));
        }
        if (!avoid.isEmpty()) {
            lines.add("");
            lines.add("Please avoid:");
            avoid.forEach(line -> lines.add("- " + line));
        }
        if (!contact.isEmpty()) {
            lines.add("");
            lines.add("Questions:");
            contact.forEach(line -> lines.add("- " + line));
        }
        return String.join("\n", lines);
    }
}
