package io.upgradeorchestrator.issues;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One issue found in an upgrade, as data: the record, the mails and the Cockpit tab render it, nobody parses it.
 *
 * @param at         when it was found ({@code null} when the source does not know)
 * @param source     where it was found
 * @param subject    what it concerns: a node, a check, a probe, a trigger; may be {@code null}
 * @param what       what was found, in a sentence
 * @param reportedBy who or what found it: a user id, or the product's part ("health check", "monitoring probe")
 * @param decision   what was decided about it; {@code null} while undecided or when it needs no decision of its own
 * @param decidedBy  who decided: a user id, "automatic (plan)", "deadline policy"
 * @param reason     why, in the decider's words
 */
public record Issue(Instant at, IssueSource source, String subject, String what, String reportedBy,
                    IssueDecision decision, String decidedBy, String reason) {

    public Issue {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(what, "what");
    }

    public static Issue found(Instant at, IssueSource source, String subject, String what, String reportedBy) {
        return new Issue(at, source, subject, what, reportedBy, null, null, null);
    }

    public Issue decided(IssueDecision decision, String decidedBy, String reason) {
        return new Issue(at, source, subject, what, reportedBy, decision, decidedBy, reason);
    }

    public boolean undecided() {
        return decision == null;
    }

    /** Something users may notice after the upgrade: accepted, or being fixed forward. */
    public boolean knownLimitation() {
        return decision == IssueDecision.ACCEPT || decision == IssueDecision.FIX_FORWARD;
    }

    /**
     * One line for people and for the record's {@code issuesFound} (kept for older readers), e.g.
     * {@code 2030-03-10T09:00:00Z USER_REPORT: export slow — FIX_FORWARD by dora: add index tonight}.
     */
    public String line() {
        StringBuilder line = new StringBuilder();
        if (at != null) {
            line.append(at).append(' ');
        }
        line.append(source).append(": ").append(what);
        if (decision != null) {
            line.append(" — ").append(decision);
            if (decidedBy != null) {
                line.append(" by ").append(decidedBy);
            }
            if (reason != null) {
                line.append(": ").append(reason);
            }
        }
        return line.toString();
    }

    /** The issue as a JSON object's fields (times as ISO-8601 text, enums by name). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("at", at == null ? null : at.toString());
        map.put("source", source.name());
        map.put("subject", subject);
        map.put("what", what);
        map.put("reportedBy", reportedBy);
        map.put("decision", decision == null ? null : decision.name());
        map.put("decidedBy", decidedBy);
        map.put("reason", reason);
        return map;
    }

    /**
     * Reads what {@link #toMap()} wrote.
     *
     * @throws IllegalArgumentException an unknown source or decision, or an unreadable time
     */
    public static Issue fromMap(Map<?, ?> map) {
        try {
            String at = text(map.get("at"));
            String decision = text(map.get("decision"));
            return new Issue(at == null ? null : Instant.parse(at), IssueSource.valueOf(text(map.get("source"))),
                    text(map.get("subject")), text(map.get("what")), text(map.get("reportedBy")),
                    decision == null ? null : IssueDecision.valueOf(decision), text(map.get("decidedBy")),
                    text(map.get("reason")));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("Not an issue: " + map + " (" + e.getMessage() + ")", e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
