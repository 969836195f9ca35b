package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.rollout.UpgradeWaveProcess.WAVE_NODES;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reads the wave's nodes from the plan: the collection of "Upgrade node". */
@Component("selectWaveNodes")
class SelectWaveNodes implements JavaDelegate {

    private final RolloutNodeResults results;

    SelectWaveNodes(RolloutNodeResults results) {
        this.results = results;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Integer wave = (Integer) execution.getVariable(UpgradeExecutionProcess.WAVE_NUMBER);
        WAVE_NODES.set(execution, results.nodeIdsOfWave(UPGRADE_ID.require(execution), wave));
    }
}
