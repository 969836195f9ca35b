package io.upgradeorchestrator.inventory;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * A recurring period of peak use, in the system's own time zone: on the given days of the week and/or days of
 * the month (empty = every day), from {@code start} to {@code end} local time.
 */
public record PeakPeriod(
        String name,
        List<DayOfWeek> daysOfWeek,
        List<Integer> daysOfMonth,
        LocalTime start,
        LocalTime end,
        String zone) {
}
