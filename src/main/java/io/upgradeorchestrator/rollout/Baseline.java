package io.upgradeorchestrator.rollout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.probes.ProbeMeasurements;

/**
 * "If the team knows normal response time and error rate before the upgrade, it can compare the new version more
 * objectively": each runbook monitoring probe is measured on production nodes before any node changes, each node a
 * probe step of its own ({@code runbook.probe}); this concludes per probe the median latency over the measured nodes
 * and the overall error rate.
 */
@Service
public class Baseline {

    private final RolloutProperties properties;

    Baseline(RolloutProperties properties) {
        this.properties = properties;
    }

    /** One probe's baseline, as the monitoring compares it: {name, latencyMillis, errorRatePercent}. */
    public record ProbeBaseline(String name, long latencyMillis, double errorRatePercent) {
        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", name);
            map.put("latencyMillis", latencyMillis);
            map.put("errorRatePercent", errorRatePercent);
            return map;
        }
    }

    public record Result(List<ProbeBaseline> probes, String summary) {
    }

    /**
     * The nodes the baseline is measured on: the first {@code baselineNodes} production nodes in plan order; none
     * when the runbook defines no monitoring probes.
     */
    public List<Node> nodesToMeasure(InventorySystem system, List<Node> planned) {
        Runbook runbook = system.runbook();
        if (runbook == null || runbook.monitoringProbes().isEmpty()) {
            return List.of();
        }
        return List.copyOf(planned.subList(0, Math.min(Math.max(1, properties.baselineNodes()), planned.size())));
    }

    /**
     * Per probe, the median of the measured nodes' median latencies (of nodes that answered) and the mean error rate.
     *
     * @param measured     the ids of the nodes measured, in plan order ({@link #nodesToMeasure})
     * @param measurements what their probe steps recorded (round {@code baseline})
     */
    public Result conclude(InventorySystem system, List<String> measured,
                           List<ProbeMeasurements.Measurement> measurements) {
        Runbook runbook = system.runbook();
        if (runbook == null || runbook.monitoringProbes().isEmpty()) {
            return new Result(List.of(), "No baseline: the runbook of " + system.id() + " defines no monitoring probes.");
        }
        Map<String, ProbeMeasurements.Measurement> byNodeAndProbe = new HashMap<>();
        measurements.forEach(m -> byNodeAndProbe.put(m.nodeId() + "\n" + m.probe(), m));
        List<ProbeBaseline> baselines = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Runbook.MonitoringProbe probe : runbook.monitoringProbes()) {
            List<Long> medians = new ArrayList<>();
            double errors = 0;
            for (String node : measured) {
                ProbeMeasurements.Measurement sample = byNodeAndProbe.get(node + "\n" + probe.name());
                if (sample == null) {
                    // every step of the baseline has ended before this judge runs; a missing row is a defect
                    throw new IllegalStateException("No baseline measurement of probe " + probe.name() + " on "
                            + node + " for " + system.id() + ": its probe step recorded none");
                }
                if (sample.errorRatePercent() < 100) {
                    medians.add(sample.medianLatencyMillis());
                }
                errors += sample.errorRatePercent();
            }
            medians.sort(Long::compare);
            long latency = medians.isEmpty() ? 0 : medians.get(medians.size() / 2);
            double errorRate = measured.isEmpty() ? 0 : Math.round(errors / measured.size() * 100) / 100.0;
            baselines.add(new ProbeBaseline(probe.name(), latency, errorRate));
            lines.add(String.format(Locale.ROOT, "%s: %d ms median, %.2f %% errors (limits %d ms, %.2f %%)",
                    probe.name(), latency, errorRate, probe.maxLatencyMillis(), probe.maxErrorRatePercent()));
        }
        String on = String.join(", ", measured);
        return new Result(List.copyOf(baselines), "Baseline before the change on " + on + ", "
                + Math.max(1, properties.baselineSamples()) + " sample(s) per node: " + String.join("; ", lines));
    }
}
