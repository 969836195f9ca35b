package io.upgradeorchestrator.window;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.upgradeorchestrator.inventory.PeakPeriod;

/**
 * A window must not touch any of the system's peak periods. Every local day the window touches is checked in the
 * period's own zone (so a window across midnight is checked on both days), and a period whose end is not after
 * its start (22:00–02:00) runs into the next day. A day matches when it is one of the listed days of the week or
 * one of the listed days of the month (as cron reads both lists); with neither list, every day matches.
 */
public final class PeakPeriodRule {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private PeakPeriodRule() {
    }

    /** One reason per peak period the window overlaps, naming the first occurrence it hits. */
    public static List<String> check(List<PeakPeriod> periods, Instant start, Instant end) {
        List<String> reasons = new ArrayList<>();
        for (PeakPeriod period : periods == null ? List.<PeakPeriod>of() : periods) {
            firstOverlap(period, start, end).ifPresent(hit -> reasons.add("The window overlaps the peak period '"
                    + period.name() + "' (" + describe(period) + "): " + WHEN.format(hit.start()) + " – "
                    + TIME.format(hit.end()) + " " + hit.start().getZone().getId()
                    + ". Choose a time outside it."));
        }
        return reasons;
    }

    /** The first occurrence of the period that overlaps [start, end). */
    static Optional<Occurrence> firstOverlap(PeakPeriod period, Instant start, Instant end) {
        ZoneId zone = ZoneId.of(period.zone());
        // An occurrence that began the day before may still run (periods across midnight).
        LocalDate day = start.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = end.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!matches(period, day)) {
                continue;
            }
            Occurrence occurrence = occurrence(period, day, zone);
            if (occurrence.start().toInstant().isBefore(end) && start.isBefore(occurrence.end().toInstant())) {
                return Optional.of(occurrence);
            }
        }
        return Optional.empty();
    }

    static boolean matches(PeakPeriod period, LocalDate day) {
        List<?> weekdays = period.daysOfWeek() == null ? List.of() : period.daysOfWeek();
        List<Integer> monthDays = period.daysOfMonth() == null ? List.of() : period.daysOfMonth();
        if (weekdays.isEmpty() && monthDays.isEmpty()) {
            return true;
        }
        return weekdays.contains(day.getDayOfWeek()) || monthDays.contains(day.getDayOfMonth());
    }

    private static Occurrence occurrence(PeakPeriod period, LocalDate day, ZoneId zone) {
        ZonedDateTime from = ZonedDateTime.of(day, period.start(), zone);
        LocalDate endDay = period.end().isAfter(period.start()) ? day : day.plusDays(1);
        return new Occurrence(from, ZonedDateTime.of(endDay, period.end(), zone));
    }

    private static String describe(PeakPeriod period) {
        List<String> days = new ArrayList<>();
        if (period.daysOfWeek() != null && !period.daysOfWeek().isEmpty()) {
            days.add(period.daysOfWeek().stream().map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                    .collect(Collectors.joining(", ")));
        }
        if (period.daysOfMonth() != null && !period.daysOfMonth().isEmpty()) {
            days.add("days " + period.daysOfMonth().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " of the month");
        }
        String when = days.isEmpty() ? "every day" : String.join(" and ", days);
        return when + ", " + TIME.format(period.start()) + "–" + TIME.format(period.end()) + " " + period.zone();
    }

    record Occurrence(ZonedDateTime start, ZonedDateTime end) {
    }
}
