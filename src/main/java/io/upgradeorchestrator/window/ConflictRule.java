package io.upgradeorchestrator.window;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two changes at once make troubleshooting much harder: a window must not overlap the window of another
 * scheduled or running upgrade of the same system, of a system it depends on, or of a system that depends on it.
 */
public final class ConflictRule {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private ConflictRule() {
    }

    /**
     * @param related the system ids to look at, each with how it relates to the upgraded system in words
     *                ("the same system", "billing-db, which it depends on")
     */
    public static List<String> check(Map<String, String> related, List<ScheduledUpgrade> others, Instant start,
                                     Instant end) {
        List<String> reasons = new ArrayList<>();
        others.stream()
                .filter(other -> related.containsKey(other.systemId()))
                .filter(other -> other.windowStart().isBefore(end) && start.isBefore(other.windowEnd()))
                .sorted(Comparator.comparing(ScheduledUpgrade::windowStart).thenComparing(ScheduledUpgrade::upgradeId))
                .forEach(other -> reasons.add("The window conflicts with upgrade " + other.upgradeId() + " of "
                        + related.get(other.systemId()) + ", scheduled " + UTC.format(other.windowStart()) + " – "
                        + UTC.format(other.windowEnd()) + " UTC. Choose a time after it or agree on an order."));
        return reasons;
    }
}
