package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.upgrade.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The completion condition of "Upgrade node" ({@code ${waveGate.mustStop(execution)}}): a wave stops at its first
 * trigger (a failed canary node, failed upgrades reaching the threshold) instead of waiting for its last node; the
 * engine then withdraws the nodes still upgrading, and their workers kill what they run (the nodes become
 * CANCELLED, which their rollback covers). The wave's health gate then names the trigger.
 */
@Component("waveGate")
public class WaveGate {

    private final RolloutService rollout;
    private final RolloutProperties properties;

    WaveGate(RolloutService rollout, RolloutProperties properties) {
        this.rollout = rollout;
        this.properties = properties;
    }

    public boolean mustStop(DelegateExecution execution) {
        return rollout.waveMustStop(UPGRADE_ID.require(execution),
                (Integer) execution.getVariable(UpgradeExecutionProcess.WAVE_NUMBER),
                CheckWaveHealth.FAILURE_THRESHOLD_VAR.get(execution, properties.failureThreshold()));
    }
}
