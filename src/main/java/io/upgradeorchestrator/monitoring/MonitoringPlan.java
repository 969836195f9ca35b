package io.upgradeorchestrator.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When monitoring ends and how often the probes run until then. The probe rounds are counted so that the last one
 * runs before the period ends: the period's end decides "stable", not a round that happens to fire at the same time.
 *
 * @param cycle ISO-8601 repeating interval for the probe timer, e.g. {@code R95/PT15M}
 * @param note  what a person should know about the plan (a missing duration, a shortened interval), or {@code null}
 */
public record MonitoringPlan(Instant startedAt, Instant endsAt, Duration duration, Duration interval, int rounds,
                             String cycle, String note) {

    /**
     * @param durationText ISO-8601 duration from the risk decision; {@code null} or blank = {@code fallback}
     */
    public static MonitoringPlan of(Instant now, String durationText, Duration fallback, Duration interval) {
        String note = null;
        Duration duration;
        if (durationText == null || durationText.isBlank()) {
            duration = fallback;
            note = "no monitoring duration was decided for this upgrade; monitoring for the default " + fallback;
        } else {
            try {
                duration = Duration.parse(durationText.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("monitoringDuration '" + durationText
                        + "' is not an ISO-8601 duration such as PT12H or P2D (check the risk decision's output)", e);
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("monitoringDuration must be positive, is " + durationText);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("upgrade-orchestrator.monitoring.probe-interval must be positive");
        }
        long rounds = (duration.toMillis() - 1) / interval.toMillis();
        if (rounds < 1) {
            interval = duration.dividedBy(2);
            rounds = 1;
            note = (note == null ? "" : note + "; ") + "the period is shorter than the probe interval: one probe round"
                    + " after " + interval;
        }
        if (rounds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("monitoring period " + duration + " has too many probe rounds of "
                    + interval);
        }
        return new MonitoringPlan(now, now.plus(duration), duration, interval, (int) rounds,
                "R" + rounds + "/" + interval, note);
    }
}
