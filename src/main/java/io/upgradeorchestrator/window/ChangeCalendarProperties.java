package io.upgradeorchestrator.window;

import java.time.Instant;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code upgrade-orchestrator.change-calendar}: periods in which no upgrade may be scheduled.
 *
 * <ul>
 *   <li>{@code freezes}: one-off freeze or blackout periods, {@code {name, start, end}} with ISO-8601 instants
 *       ({@code 2026-11-27T00:00:00Z}); none by default.</li>
 *   <li>{@code annual-freezes}: periods that come back every year, {@code {name, from, to, zone}} with month-day
 *       {@code MM-dd} (inclusive, whole days in {@code zone}); {@code to} before {@code from} runs into the next
 *       year. By default the year-end freeze, 20 December to 6 January (Europe/Berlin). Set the list to
 *       {@code []} to have none.</li>
 * </ul>
 */
@ConfigurationProperties("upgrade-orchestrator.change-calendar")
public record ChangeCalendarProperties(
        @DefaultValue List<Freeze> freezes,
        List<AnnualFreeze> annualFreezes) {

    public static final AnnualFreeze YEAR_END_FREEZE =
            new AnnualFreeze("Year-end freeze", "12-20", "01-06", "Europe/Berlin");

    public ChangeCalendarProperties {
        freezes = freezes == null ? List.of() : List.copyOf(freezes);
        annualFreezes = annualFreezes == null ? List.of(YEAR_END_FREEZE) : List.copyOf(annualFreezes);
    }

    /** A one-off freeze: no upgrade may overlap [start, end). */
    public record Freeze(String name, Instant start, Instant end) {
    }

    /** A freeze every year from {@code from} to {@code to} (month-day, both inclusive) in {@code zone}. */
    public record AnnualFreeze(String name, String from, String to, String zone) {
    }
}
