package io.upgradeorchestrator.window;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The time a maintenance window must give, part by part: preparation, final backup, execution in waves,
 * verification, repair buffer, rollback decision and rollback. A window long enough for the upgrade but not for
 * its rollback is too short.
 *
 * @param parts    the parts in the order they happen
 * @param rollback how long rolling back takes (the last part); the rollback deadline lies this long before the end
 */
public record WindowPlan(List<WindowPart> parts, Duration rollback) {

    public WindowPlan {
        parts = List.copyOf(parts);
    }

    public Duration total() {
        return parts.stream().map(WindowPart::duration).reduce(Duration.ZERO, Duration::plus);
    }

    public int totalMinutes() {
        return Math.toIntExact(Durations.ceilMinutes(total()));
    }

    /** One line per part, then the total: the text shown on the re-plan and approval forms. */
    public String readable() {
        return parts.stream().map(WindowPart::toString).collect(Collectors.joining("\n"))
                + "\nRequired window: " + Durations.readable(total());
    }
}
