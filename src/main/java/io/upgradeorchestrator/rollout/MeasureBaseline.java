package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.*;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.monitoring.ProbeMeasurements;

/**
 * "Judge baseline": once every measured node's probe step has ended ("Measure baseline", topic {@code runbook.probe}),
 * the baseline per probe from their recorded measurements, for the monitoring to compare against.
 */
@Component("measureBaseline")
class MeasureBaseline implements JavaDelegate {

    private final InventoryService inventory;
    private final RolloutService rollout;
    private final Baseline baseline;
    private final ProbeMeasurements measurements;

    MeasureBaseline(InventoryService inventory, RolloutService rollout, Baseline baseline,
                    ProbeMeasurements measurements) {
        this.inventory = inventory;
        this.rollout = rollout;
        this.baseline = baseline;
        this.measurements = measurements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        Baseline.Result result = baseline.conclude(system,
                baseline.nodesToMeasure(system, rollout.plannedNodes(upgradeId, system)),
                measurements.ofRound(upgradeId, ProbeMeasurements.BASELINE_ROUND));
        BASELINE_PROBES.set(execution, result.probes().stream().map(Baseline.ProbeBaseline::asMap).toList());
        BASELINE_SUMMARY.set(execution, Summaries.fit(result.summary()));
    }
}
