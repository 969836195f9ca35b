package io.upgradeorchestrator.monitoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.runbook.RunbookRunner;

/**
 * Runs the runbook's monitoring probes on the production nodes, each several times, through the action layer (so
 * every sample is recorded), and judges the median latency and the error rate against the probe's own limits and
 * the baseline measured before the change. A sample that cannot reach the node counts as an error: an unreachable
 * service is an answer, not a technical failure.
 */
@Service
@EnableConfigurationProperties(MonitoringProperties.class)
public class ProbeMonitor {

    private final RunbookRunner runner;
    private final MonitoringProperties properties;

    ProbeMonitor(RunbookRunner runner, MonitoringProperties properties) {
        this.runner = runner;
        this.properties = properties;
    }

    /**
     * @param roundKey identifies this round among all of the upgrade, stable across job retries
     * @param baseline the probes measured before the change; empty = compare with the thresholds only
     */
    public ProbeRound run(String upgradeId, String roundKey, InventorySystem system, String targetVersion,
                          List<BaselineProbe> baseline) {
        Runbook runbook = system.runbook();
        if (runbook == null) {
            throw new IllegalStateException("System " + system.id() + " has no runbook in the inventory: there are no"
                    + " monitoring probes to run. Add a runbook with monitoringProbes.");
        }
        Map<String, BaselineProbe> baselineByName = baseline.stream()
                .collect(Collectors.toMap(BaselineProbe::name, Function.identity(), (a, b) -> a));
        List<ProbeRound.Measurement> measurements = new ArrayList<>();
        for (Runbook.MonitoringProbe probe : runbook.monitoringProbes()) {
            for (Node node : system.nodesIn(Environment.PRODUCTION)) {
                measurements.add(measure(upgradeId, roundKey, system, targetVersion, probe, node,
                        baselineByName.get(probe.name())));
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

    private ProbeRound.Measurement measure(String upgradeId, String roundKey, InventorySystem system,
                                           String targetVersion, Runbook.MonitoringProbe probe, Node node,
                                           BaselineProbe baseline) {
        ActionContext context = new ActionContext(upgradeId, system.id(), node.id(), node.host(), node.version(),
                targetVersion, null, null);
        int samples = Math.max(1, properties.probeSamples());
        List<Long> latencies = new ArrayList<>();
        int errors = 0;
        for (int i = 1; i <= samples; i++) {
            ActionResult result = runner.run(upgradeId + ":monitoring:" + roundKey + ":" + probe.name() + ":"
                    + node.id() + ":" + i, "monitoring probe: " + probe.name(), probe.check(), context, null);
            if (result.succeeded()) {
                latencies.add(result.duration().toMillis());
            } else {
                errors++;
            }
        }
        latencies.sort(Comparator.naturalOrder());
        long median = latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2);
        double errorRate = errors * 100.0 / samples;
        return judge(probe, node.id(), median, errorRate, samples, baseline, properties);
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
