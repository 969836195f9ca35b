package io.upgradeorchestrator.request;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** A maintenance window as asked for: both ends ISO-8601 instants, in the future, the end after the start. */
public record RequestedWindow(Instant start, Instant end) {

    /**
     * Parses and checks a window, adding a problem per bad end to {@code problems}.
     *
     * @return the window, or {@code null} when it has a problem
     */
    public static RequestedWindow check(String startText, String endText, Instant now, List<FieldProblem> problems) {
        int before = problems.size();
        Instant start = parse(startText, "window.start", problems);
        Instant end = parse(endText, "window.end", problems);
        if (start != null && start.isBefore(now)) {
            problems.add(new FieldProblem("window.start", "lies in the past (" + start + ")"));
        }
        if (end != null && end.isBefore(now)) {
            problems.add(new FieldProblem("window.end", "lies in the past (" + end + ")"));
        }
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add(new FieldProblem("window.end", "must be after window.start"));
        }
        return problems.size() == before ? new RequestedWindow(start, end) : null;
    }

    /** Accepts instants with an offset: "2026-12-01T22:00:00Z", "2026-12-01T22:00Z", "2026-12-01T23:00+01:00". */
    private static Instant parse(String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required (ISO-8601 instant, e.g. 2026-12-01T22:00:00Z)"));
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "'" + value + "' is not an ISO-8601 instant with offset, "
                    + "e.g. 2026-12-01T22:00:00Z"));
            return null;
        }
    }
}
