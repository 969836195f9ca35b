package io.upgradeorchestrator.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.probes.ProbeMeasurements;

/**
 * Judges a round of the runbook's monitoring probes, as the nodes' probe steps measured them ({@link ProbeNodeStep}:
 * several samples per probe and node through the action layer): the median latency and the error rate against the
 * probe's own limits and the baseline measured before the change. A sample that could not reach the node counted as
 * an error: an unreachable service is an answer, not a technical failure.
 */
@Service
@EnableConfigurationProperties(MonitoringProperties.class)
public class ProbeMonitor {

    private final MonitoringProperties properties;

    ProbeMonitor(MonitoringProperties properties) {
        this.properties = properties;
    }

    /**
     * Judges one round from what the nodes' probe steps recorded, one measurement per probe and production node, in
     * the order of the runbook's probes and the inventory's nodes.
     *
     * @param measured the round's measurements ({@link ProbeMeasurements#ofRound})
     * @param baseline the probes measured before the change; empty = compare with the thresholds only
     */
    public ProbeRound judge(InventorySystem system, List<ProbeMeasurements.Measurement> measured,
                            List<BaselineProbe> baseline) {
        Runbook runbook = system.runbook();
        if (runbook == null) {
            throw new IllegalStateException("System " + system.id() + " has no runbook in the inventory: there are no"
                    + " monitoring probes to run. Add a runbook with monitoringProbes.");
        }
        Map<String, BaselineProbe> baselineByName = baseline.stream()
                .collect(Collectors.toMap(BaselineProbe::name, Function.identity(), (a, b) -> a));
        Map<String, ProbeMeasurements.Measurement> byProbeAndNode = new HashMap<>();
        measured.forEach(m -> byProbeAndNode.put(m.probe() + "\n" + m.nodeId(), m));
        List<ProbeRound.Measurement> measurements = new ArrayList<>();
        for (Runbook.MonitoringProbe probe : runbook.monitoringProbes()) {
            for (Node node : system.nodesIn(Environment.PRODUCTION)) {
                ProbeMeasurements.Measurement m = byProbeAndNode.get(probe.name() + "\n" + node.id());
                if (m == null) {
                    // every step of the round has ended before this judge runs; a missing row is a defect
                    throw new IllegalStateException("No measurement of probe " + probe.name() + " on " + node.id()
                            + " in this round: its probe step recorded none");
                }
                measurements.add(judge(probe, node.id(), m.medianLatencyMillis(), m.errorRatePercent(), m.samples(),
                        baselineByName.get(probe.name()), properties));
            }
        }
        String comparedWith = baseline.isEmpty()
                ? "No baseline was measured before the change: compared with the probes' own thresholds only."
                : "Compared with the baseline measured before the change (slower by more than "
                + properties.maxSlowdownPercent() + " % and " + properties.slowdownToleranceMillis()
                + " ms, or more than " + ProbeRound.Measurement.format(properties.maxErrorRateIncreasePercent())
                + " percentage points more errors, is a breach) and with the probes' own thresholds.";
        return new ProbeRound(measurements, comparedWith);
    }

    /** The rules, apart from measuring: thresholds always, the baseline when there is one. */
    static ProbeRound.Measurement judge(Runbook.MonitoringProbe probe, String node, long median, double errorRate,
                                        int samples, BaselineProbe baseline, MonitoringProperties properties) {
        List<String> problems = new ArrayList<>();
        boolean answered = errorRate < 100.0;
        if (answered && median > probe.maxLatencyMillis()) {
            problems.add("latency " + median + " ms above the threshold of " + probe.maxLatencyMillis() + " ms");
        }
        if (errorRate > probe.maxErrorRatePercent()) {
            problems.add("error rate " + ProbeRound.Measurement.format(errorRate) + " % above the threshold of "
                    + ProbeRound.Measurement.format(probe.maxErrorRatePercent()) + " %");
        }
        String baselineText = null;
        if (baseline != null) {
            baselineText = (baseline.latencyMillis() == null ? "?" : baseline.latencyMillis()) + " ms, "
                    + (baseline.errorRatePercent() == null ? "?"
                    : ProbeRound.Measurement.format(baseline.errorRatePercent())) + " % errors";
            if (answered && baseline.latencyMillis() != null) {
                long slowdown = median - baseline.latencyMillis();
                if (slowdown > properties.slowdownToleranceMillis()
                        && slowdown * 100 > baseline.latencyMillis() * properties.maxSlowdownPercent()) {
                    problems.add("latency " + median + " ms is " + slowdown + " ms slower than the baseline of "
                            + baseline.latencyMillis() + " ms");
                }
            }
            if (baseline.errorRatePercent() != null
                    && errorRate > baseline.errorRatePercent() + properties.maxErrorRateIncreasePercent()) {
                problems.add("error rate " + ProbeRound.Measurement.format(errorRate) + " % is above the baseline's "
                        + ProbeRound.Measurement.format(baseline.errorRatePercent()) + " %");
            }
        }
        String threshold = probe.maxLatencyMillis() + " ms, " + ProbeRound.Measurement.format(probe.maxErrorRatePercent())
                + " % errors";
        return new ProbeRound.Measurement(probe.name(), node, median, errorRate, samples, baselineText, threshold,
                List.copyOf(problems));
    }
}
