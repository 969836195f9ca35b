package io.upgradeorchestrator.rollout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.runbook.ProbeSampler;

/**
 * "If the team knows normal response time and error rate before the upgrade, it can compare the new version more
 * objectively": measures each runbook monitoring probe on production nodes before any node changes. Per probe, the
 * median latency over the measured nodes and the overall error rate.
 */
@Service
public class Baseline {

    private final ProbeSampler probes;
    private final RolloutProperties properties;

    Baseline(ProbeSampler probes, RolloutProperties properties) {
        this.probes = probes;
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

    /** @param nodes production nodes in plan order; the first {@code baselineNodes} are measured */
    public Result measure(String upgradeId, String runId, InventorySystem system, List<Node> nodes,
                          String targetVersion) {
        Runbook runbook = system.runbook();
        if (runbook == null || runbook.monitoringProbes().isEmpty()) {
            return new Result(List.of(), "No baseline: the runbook of " + system.id() + " defines no monitoring probes.");
        }
        List<Node> measured = nodes.subList(0, Math.min(Math.max(1, properties.baselineNodes()), nodes.size()));
        List<ProbeBaseline> baselines = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Runbook.MonitoringProbe probe : runbook.monitoringProbes()) {
            List<Long> medians = new ArrayList<>();
            double errors = 0;
            for (Node node : measured) {
                ActionContext at = new ActionContext(upgradeId, system.id(), node.id(), node.host(), node.version(),
                        targetVersion, null, null);
                ProbeSampler.Sample sample = probes.sample(upgradeId + ":" + runId + ":baseline:" + probe.name() + ":"
                        + node.id() + ":", probe, at, properties.baselineSamples());
                if (sample.errorRatePercent() < 100) {
                    medians.add(sample.medianMillis());
                }
                errors += sample.errorRatePercent();
            }
            medians.sort(Long::compare);
            long latency = medians.isEmpty() ? 0 : medians.get(medians.size() / 2);
            double errorRate = Math.round(errors / measured.size() * 100) / 100.0;
            baselines.add(new ProbeBaseline(probe.name(), latency, errorRate));
            lines.add(String.format(Locale.ROOT, "%s: %d ms median, %.2f %% errors (limits %d ms, %.2f %%)",
                    probe.name(), latency, errorRate, probe.maxLatencyMillis(), probe.maxErrorRatePercent()));
        }
        String on = measured.stream().map(Node::id).reduce((a, b) -> a + ", " + b).orElse("");
        return new Result(List.copyOf(baselines), "Baseline before the change on " + on + ", "
                + Math.max(1, properties.baselineSamples()) + " sample(s) per node: " + String.join("; ", lines));
    }
}
