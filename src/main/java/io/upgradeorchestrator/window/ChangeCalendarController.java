package io.upgradeorchestrator.window;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.upgradeorchestrator.api.ApiError;
import io.upgradeorchestrator.api.CurrentUser;
import io.upgradeorchestrator.api.InvalidRequestException;

/**
 * {@code GET /api/change-calendar?from=…&to=…}: what is scheduled, for everyone who plans changes — each upgrade's
 * id, system and window, and the freeze periods. Nothing else: no commands, paths, people or variables, so a
 * requester can plan around other upgrades without reading them.
 */
@RestController
class ChangeCalendarController {

    static final Duration LONGEST_SPAN = Duration.ofDays(366);

    private final ScheduledUpgrades scheduled;
    private final ChangeCalendar calendar;
    private final CurrentUser currentUser;

    ChangeCalendarController(ScheduledUpgrades scheduled, ChangeCalendar calendar, CurrentUser currentUser) {
        this.scheduled = scheduled;
        this.calendar = calendar;
        this.currentUser = currentUser;
    }

    record Entry(String upgradeId, String systemId, Instant windowStart, Instant windowEnd) {
    }

    record Calendar(Instant from, Instant to, List<Entry> upgrades, List<ChangeCalendar.FreezePeriod> freezes) {
    }

    @GetMapping("/api/change-calendar")
    Calendar calendar(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        List<ApiError> problems = new ArrayList<>();
        Instant start = instant("from", from, Instant.now(), problems);
        Instant end = instant("to", to, start.plus(Duration.ofDays(90)), problems);
        if (problems.isEmpty() && !end.isAfter(start)) {
            problems.add(new ApiError("to", "must be after from"));
        } else if (problems.isEmpty() && Duration.between(start, end).compareTo(LONGEST_SPAN) > 0) {
            problems.add(new ApiError("to", "at most 366 days after from"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("The calendar query has " + problems.size() + " problem(s)", problems);
        }
        List<Entry> upgrades = currentUser.readAsSystem(() -> scheduled.between(start, end)).stream()
                .map(upgrade -> new Entry(upgrade.upgradeId(), upgrade.systemId(), upgrade.windowStart(), upgrade.windowEnd()))
                .toList();
        return new Calendar(start, end, upgrades, calendar.overlapping(start, end));
    }

    private static Instant instant(String field, String value, Instant otherwise, List<ApiError> problems) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new ApiError(field, "an ISO-8601 instant such as 2027-01-09T06:00:00Z"));
            return otherwise;
        }
    }
}
