package io.upgradeorchestrator.monitoring;

import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.BASELINE_PROBES;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.probes.ProbeMeasurements;
import io.upgradeorchestrator.variables.JsonText;

/**
 * "Judge monitoring probes": once every node's probe step of the round has ended ("Run monitoring probes", topic
 * {@code runbook.probe}), the round's measurements against the thresholds and the baseline. The round's verdict and
 * what a breach is about stay in the round's own scope, so a user's report handled at the same time keeps its own
 * facts.
 */
@Component("runMonitoringProbes")
class RunMonitoringProbes implements JavaDelegate {

    private final InventoryService inventory;
    private final ProbeMonitor monitor;
    private final ProbeMeasurements measurements;

    RunMonitoringProbes(InventoryService inventory, ProbeMonitor monitor, ProbeMeasurements measurements) {
        this.inventory = inventory;
        this.monitor = monitor;
        this.measurements = measurements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int round = PROBE_ROUND.require(execution);
        String upgradeId = UPGRADE_ID.require(execution);
        ProbeRound result = monitor.judge(inventory.require(SYSTEM_ID.require(execution)),
                measurements.ofRound(upgradeId, PROBE_ROUND_KEY.require(execution)),
                BaselineProbes.parse(JsonText.of(execution, BASELINE_PROBES.name())));

        LAST_PROBE_RESULTS.set(execution, "Round " + round + ":\n" + result.describe());
        PROBES_WITHIN_LIMITS.setLocal(execution, result.withinLimits());
        if (!result.withinLimits()) {
            BREACH_ROUNDS.set(execution, BREACH_ROUNDS.get(execution, 0) + 1);
            List<ProbeRound.Measurement> breaches = result.breaches();
            ProbeRound.Measurement first = breaches.get(0);
            DECISION_TRIGGER.setLocal(execution, TRIGGER_MONITORING_BREACH);
            BREACHED_PROBE.setLocal(execution, first.probe() + (breaches.size() > 1
                    ? " (and " + (breaches.size() - 1) + " more)" : ""));
            BREACH_MEASURED.setLocal(execution, first.measured());
            BREACH_BASELINE.setLocal(execution, first.baseline() == null
                    ? "none measured before the change (thresholds only)" : first.baseline());
            BREACH_THRESHOLD.setLocal(execution, first.threshold());
            BREACH_SUMMARY.setLocal(execution, "Probe round " + round + " breached: " + breaches.stream()
                    .map(b -> b.probe() + " on " + b.node() + ": " + String.join(", ", b.problems()))
                    .collect(Collectors.joining("; ")));
        }
    }
}
