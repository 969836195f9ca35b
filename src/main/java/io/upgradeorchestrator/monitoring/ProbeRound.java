package io.upgradeorchestrator.monitoring;

import java.util.List;

/**
 * One round of monitoring probes on every production node.
 *
 * @param measurements one per probe and node
 * @param comparedWith what the round was compared with, in words (baseline and thresholds, or thresholds only)
 */
public record ProbeRound(List<Measurement> measurements, String comparedWith) {

    public boolean withinLimits() {
        return measurements.stream().noneMatch(Measurement::breached);
    }

    public List<Measurement> breaches() {
        return measurements.stream().filter(Measurement::breached).toList();
    }

    /** One line per measurement, for the decision form and the record. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Measurement measurement : measurements) {
            text.append(measurement.line()).append('\n');
        }
        if (measurements.isEmpty()) {
            text.append("The runbook defines no monitoring probes or the system has no production node.\n");
        }
        text.append(comparedWith);
        return text.toString();
    }

    /**
     * @param baseline the probe's baseline in words, {@code null} when none was measured
     * @param problems why it is a breach; empty = within limits
     */
    public record Measurement(String probe, String node, long medianLatencyMillis, double errorRatePercent,
                              int samples, String baseline, String threshold, List<String> problems) {

        public boolean breached() {
            return !problems.isEmpty();
        }

        public String measured() {
            return medianLatencyMillis + " ms median, " + format(errorRatePercent) + " % errors (" + samples
                    + " samples) on " + node;
        }

        public String line() {
            return probe + " on " + node + ": " + medianLatencyMillis + " ms median, " + format(errorRatePercent)
                    + " % errors; baseline " + (baseline == null ? "none" : baseline) + "; limits " + threshold
                    + (problems.isEmpty() ? " — ok" : " — BREACH: " + String.join(", ", problems));
        }

        static String format(double percent) {
            return percent == Math.rint(percent) ? String.valueOf((long) percent)
                    : String.format(java.util.Locale.ROOT, "%.1f", percent);
        }
    }
}
