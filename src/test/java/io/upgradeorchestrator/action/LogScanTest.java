package io.upgradeorchestrator.action;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LogScanTest extends ActionTestSupport {

    private static final LogPattern ERRORS = new LogPattern("errors", "ERROR", 0);
    private static final LogPattern WARNINGS = new LogPattern("warnings", "\\bWARN\\b", 5);

    @Test
    void countsOnlyLinesSinceTheInstantAndFailsWhenAThresholdIsCrossed() {
        ActionResult result = run("scan-log", LogScanSpec.ofFile(script("app-log.txt"), ERRORS, WARNINGS));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.FAILED);
        // the error before 10:00 does not count; the stack trace line belongs to the 10:00:03 error
        assertThat(result.patternCounts()).containsExactly(entry("errors", 2), entry("warnings", 1));
        assertThat(result.output()).isEqualTo("""
                2025-03-01 10:00:02,250 WARN  cache cold
                2025-03-01 10:00:03,000 ERROR connection pool exhausted
                java.lang.IllegalStateException: ERROR in stack trace line
                """);
        assertThat(result.summary()).contains("found errors 2 (allowed 0), warnings 1 (allowed 5) in 6 lines since "
                + SINCE).endsWith(": 2025-03-01 10:00:03,000 ERROR connection pool exhausted");
        assertThat(runs.findByIdempotencyKey(result.idempotencyKey()).orElseThrow().patternCounts())
                .containsEntry("errors", 2).containsEntry("warnings", 1);
    }

    @Test
    void quietSinceALaterInstantSucceeds() {
        ActionContext later = new ActionContext("UPG-1", "billing", "db-test-1", "h", "16.3", "16.4", null,
                Instant.parse("2025-03-01T10:00:03.500Z"));
        ActionResult result = runner.run(request(UUID.randomUUID().toString(), "scan-log",
                LogScanSpec.ofFile(script("app-log.txt"), ERRORS, WARNINGS), later, Set.of()));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(result.patternCounts()).containsEntry("errors", 0).containsEntry("warnings", 0);
    }

    @Test
    void commandOutputIsScannedWhole() {
        ActionResult result = run("scan-journal", LogScanSpec.ofCommand(
                List.of("printf", "%s\\n", "boot", "WARN disk 91%", "WARN disk 92%", "since={since}"),
                ERRORS, new LogPattern("warnings", "WARN", 1)));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(result.patternCounts()).containsEntry("errors", 0).containsEntry("warnings", 2);
        assertThat(result.description()).endsWith("since=2025-03-01T10:00:00Z");
    }

    @Test
    void missingLogFileIsAnError() {
        ActionResult result = run("scan-log", LogScanSpec.ofFile("/nonexistent/{node}.log", ERRORS));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.ERROR);
        assertThat(result.summary()).contains("scan /nonexistent/db-test-1.log", "could not read the log",
                "NoSuchFileException");
    }
}
