package io.upgradeorchestrator.action;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What one executor found, before masking and recording.
 *
 * @param what   how it ended, phrased to follow "`description` on target": "exited 2 after 1.2 s"
 * @param detail what came back, in one line (last output line, error message), or {@code null}
 */
record Execution(ActionOutcome outcome, Integer exitCode, Integer httpStatus, Duration duration, String what,
                 String detail, String output, long omittedBytes, long omittedLines, Map<String, Integer> patternCounts) {

    static Execution error(Duration duration, String what, String detail) {
        return new Execution(ActionOutcome.ERROR, null, null, duration, what, detail, "", 0, 0, Map.of());
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
