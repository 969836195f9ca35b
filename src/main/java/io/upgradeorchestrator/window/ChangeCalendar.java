package io.upgradeorchestrator.window;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The change calendar: freeze and blackout periods in which no upgrade may run. Checked when the configuration
 * is read, so a typo stops the application at start-up rather than letting upgrades into a freeze.
 */
public class ChangeCalendar {

    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");

    private final List<ChangeCalendarProperties.Freeze> freezes;
    private final List<Annual> annualFreezes;

    public ChangeCalendar(ChangeCalendarProperties properties) {
        this.freezes = properties.freezes();
        for (int i = 0; i < freezes.size(); i++) {
            ChangeCalendarProperties.Freeze freeze = freezes.get(i);
            String key = "upgrade-orchestrator.change-calendar.freezes[" + i + "]";
            if (freeze.name() == null || freeze.name().isBlank()) {
                throw new IllegalArgumentException(key + ".name is required");
            }
            if (freeze.start() == null || freeze.end() == null || !freeze.end().isAfter(freeze.start())) {
                throw new IllegalArgumentException(key + " ('" + freeze.name()
                        + "') needs a start and an end after it (ISO-8601 instants, e.g. 2026-12-20T00:00:00Z)");
            }
        }
        List<Annual> annual = new ArrayList<>();
        for (int i = 0; i < properties.annualFreezes().size(); i++) {
            annual.add(Annual.of(properties.annualFreezes().get(i),
                    "upgrade-orchestrator.change-calendar.annual-freezes[" + i + "]"));
        }
        this.annualFreezes = List.copyOf(annual);
    }

    /** Every freeze period that overlaps [start, end), with its dates, in calendar order of the configuration. */
    public List<FreezePeriod> overlapping(Instant start, Instant end) {
        List<FreezePeriod> found = new ArrayList<>();
        for (ChangeCalendarProperties.Freeze freeze : freezes) {
            FreezePeriod period = new FreezePeriod(freeze.name(), freeze.start(), freeze.end());
            if (period.overlaps(start, end)) {
                found.add(period);
            }
        }
        for (Annual annual : annualFreezes) {
            // A period that starts in the previous year can still reach into the window.
            int firstYear = start.atZone(annual.zone()).getYear() - 1;
            int lastYear = end.atZone(annual.zone()).getYear();
            for (int year = firstYear; year <= lastYear; year++) {
                FreezePeriod period = annual.in(year);
                if (period.overlaps(start, end)) {
                    found.add(period);
                }
            }
        }
        return found;
    }

    /** A concrete freeze period: no upgrade may overlap [start, end). */
    public record FreezePeriod(String name, Instant start, Instant end) {

        boolean overlaps(Instant windowStart, Instant windowEnd) {
            return start.isBefore(windowEnd) && windowStart.isBefore(end);
        }
    }

    private record Annual(String name, MonthDay from, MonthDay to, ZoneId zone) {

        static Annual of(ChangeCalendarProperties.AnnualFreeze freeze, String key) {
            if (freeze.name() == null || freeze.name().isBlank()) {
                throw new IllegalArgumentException(key + ".name is required");
            }
            try {
                ZoneId zone = ZoneId.of(Objects.requireNonNullElse(freeze.zone(), "UTC"));
                return new Annual(freeze.name(), MonthDay.parse(Objects.requireNonNull(freeze.from(), "from"), MONTH_DAY),
                        MonthDay.parse(Objects.requireNonNull(freeze.to(), "to"), MONTH_DAY), zone);
            } catch (DateTimeParseException | NullPointerException e) {
                throw new IllegalArgumentException(key + " ('" + freeze.name()
                        + "') needs 'from' and 'to' as month-day MM-dd, e.g. from: \"12-20\", to: \"01-06\"", e);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(key + " ('" + freeze.name() + "'): unknown time zone '"
                        + freeze.zone() + "'", e);
            }
        }

        /** The period that begins in {@code year}: from the start of {@code from} to the end of {@code to}. */
        FreezePeriod in(int year) {
            LocalDate first = from.atYear(year);
            LocalDate last = to.isBefore(from) ? to.atYear(year + 1) : to.atYear(year);
            return new FreezePeriod(name, first.atStartOfDay(zone).toInstant(),
                    last.plusDays(1).atStartOfDay(zone).toInstant());
        }
    }
}
