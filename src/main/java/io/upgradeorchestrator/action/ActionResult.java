package io.upgradeorchestrator.action;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How an action ended, as recorded (secrets masked).
 *
 * @param description   what ran: the command line, {@code GET url}, {@code connection: query}, {@code scan file}
 * @param exitCode      for commands that ran to the end
 * @param httpStatus    for HTTP checks that got an answer
 * @param duration      how long it took; for an HTTP check, the latency of the whole answer
 * @param output        the bounded head of the output (for log scans: the matched lines)
 * @param omittedBytes  bytes beyond the bound, counted but not kept
 * @param omittedLines  lines wholly or partly beyond the bound
 * @param summary       one line a person understands: what ran, where, and what came back
 * @param patternCounts for log scans: matching lines per pattern name
 * @param replayed      true when this answer comes from the record of an earlier run with the same key
 */
public record ActionResult(String idempotencyKey, String actionName, String target, ActionKind kind,
                           String description, ActionOutcome outcome, Integer exitCode, Integer httpStatus,
                           Duration duration, String output, long omittedBytes, long omittedLines, String summary,
                           Instant startedAt, Instant finishedAt, Map<String, Integer> patternCounts,
                           boolean replayed) {

    public boolean succeeded() {
        return outcome == ActionOutcome.SUCCEEDED;
    }

    /** For callers to whom anything but success is a technical failure: retry, then an incident with the summary. */
    public ActionResult orThrow() {
        if (!succeeded()) {
            throw new ActionFailedException(this);
        }
        return this;
    }
}
