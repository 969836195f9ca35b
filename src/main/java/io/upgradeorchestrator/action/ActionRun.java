package io.upgradeorchestrator.action;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** One row of {@code action_run}: an action's run as recorded, secrets already masked. */
public record ActionRun(String id, String idempotencyKey, String upgradeId, String target, String actionName,
                        ActionKind kind, String description, Status status, int attempts, Integer exitCode,
                        Integer httpStatus, Instant startedAt, Instant finishedAt, Long durationMs, String output,
                        long omittedBytes, long omittedLines, Map<String, Integer> patternCounts, String summary) {

    public enum Status {
        STARTED, SUCCEEDED, FAILED, ERROR;

        /** SUCCEEDED and FAILED are answers; ERROR (could not run) is tried again by the next attempt. */
        boolean isFinal() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    ActionResult toResult(boolean replayed) {
        return new ActionResult(idempotencyKey, actionName, target, kind, description,
                ActionOutcome.valueOf(status.name()), exitCode, httpStatus,
                durationMs == null ? null : Duration.ofMillis(durationMs), output, omittedBytes, omittedLines, summary,
                startedAt, finishedAt, patternCounts, replayed);
    }
}
