package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** After "continue": the waves whose nodes are still only planned. */
@Component("findRemainingWaves")
class FindRemainingWaves implements JavaDelegate {

    private final RolloutNodeResults results;

    FindRemainingWaves(RolloutNodeResults results) {
        this.results = results;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        results.replanUnfinished(upgradeId);
        List<Integer> pending = results.pendingWaves(upgradeId);
        PENDING_WAVES.set(execution, pending);
        WAVES_LEFT.set(execution, !pending.isEmpty());
        WAVE_TRIGGER.set(execution, null);
        WAVE_TRIGGER_DETAIL.set(execution, null);
    }
}
