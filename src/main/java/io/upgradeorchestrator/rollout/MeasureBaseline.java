package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.variables.Summaries;

/** Measures the monitoring probes on production before the first node changes. */
@Component("measureBaseline")
class MeasureBaseline implements JavaDelegate {

    private final InventoryService inventory;
    private final RolloutService rollout;
    private final Baseline baseline;

    MeasureBaseline(InventoryService inventory, RolloutService rollout, Baseline baseline) {
        this.inventory = inventory;
        this.rollout = rollout;
        this.baseline = baseline;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        Baseline.Result result = baseline.measure(upgradeId, ROLLOUT_RUN_ID.require(execution), system,
                rollout.plannedNodes(upgradeId, system), TARGET_VERSION.require(execution));
        BASELINE_PROBES.set(execution, result.probes().stream().map(Baseline.ProbeBaseline::asMap).toList());
        BASELINE_SUMMARY.set(execution, Summaries.fit(result.summary()));
    }
}
