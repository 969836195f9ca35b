package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.BASELINE_PROBES;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.probes.ProbeMeasurements;
import io.upgradeorchestrator.variables.Summaries;

/**
 * "Judge baseline": once every measured node's probe step has ended ("Measure baseline", topic {@code runbook.probe}),
 * the baseline per probe from their recorded measurements, for the monitoring to compare against.
 */
@Component("measureBaseline")
class MeasureBaseline implements JavaDelegate {

    private final InventoryService inventory;
    private final Baseline baseline;
    private final ProbeMeasurements measurements;

    MeasureBaseline(InventoryService inventory, Baseline baseline, ProbeMeasurements measurements) {
        this.inventory = inventory;
        this.baseline = baseline;
        this.measurements = measurements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        // judges the nodes "Plan waves" chose and the probe steps measured
        List<String> measured = BASELINE_BATCHES.get(execution, List.of()).stream().flatMap(List::stream).toList();
        Baseline.Result result = baseline.conclude(system, measured,
                measurements.ofRound(upgradeId, ProbeMeasurements.BASELINE_ROUND));
        BASELINE_PROBES.set(execution, result.probes().stream().map(Baseline.ProbeBaseline::asMap).toList());
        BASELINE_SUMMARY.set(execution, Summaries.fit(result.summary()));
    }
}
