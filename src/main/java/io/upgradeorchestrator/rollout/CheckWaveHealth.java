package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.variables.Var;
import io.upgradeorchestrator.variables.Summaries;

/** The wave's health gate; a trigger stops the remaining waves and leads to the rollback decision. */
@Component("checkWaveHealth")
class CheckWaveHealth implements JavaDelegate {

    static final Var<Integer> FAILURE_THRESHOLD_VAR = Var.integer("failureThreshold");

    private final InventoryService inventory;
    private final RolloutService rollout;
    private final RolloutProperties properties;

    CheckWaveHealth(InventoryService inventory, RolloutService rollout, RolloutProperties properties) {
        this.inventory = inventory;
        this.rollout = rollout;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        HealthGate gate = rollout.checkWave(upgradeId, ROLLOUT_RUN_ID.require(execution),
                inventory.require(SYSTEM_ID.require(execution)), (Integer) execution.getVariable(WAVE_NUMBER),
                FAILURE_THRESHOLD_VAR.get(execution, properties.failureThreshold()));
        RolloutService.Progress progress = rollout.progress(upgradeId);
        WAVE_TRIGGER.set(execution, gate.trigger());
        WAVE_TRIGGER_DETAIL.set(execution, Summaries.fit(gate.detail()));
        NODES_UPGRADED.set(execution, progress.upgraded());
        NODES_FAILED.set(execution, progress.failed());
        ROLLOUT_SUMMARY.set(execution, Summaries.fit(progress.summary() + ". Last gate: " + gate.detail()));
    }
}
