package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.worker.StepWorker;

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
    private final ObjectProvider<StepWorker> worker;

    WaveGate(RolloutService rollout, RolloutProperties properties, ObjectProvider<StepWorker> worker) {
        this.rollout = rollout;
        this.properties = properties;
        this.worker = worker;
    }

    public boolean mustStop(DelegateExecution execution) {
        boolean stop = rollout.waveMustStop(UPGRADE_ID.require(execution),
                (Integer) execution.getVariable(UpgradeExecutionProcess.WAVE_NUMBER),
                CheckWaveHealth.FAILURE_THRESHOLD_VAR.get(execution, properties.failureThreshold()));
        if (stop) {
            // the nodes still upgrading are withdrawn with this transaction; this application's worker kills what
            // they run right after, not only at its next heartbeat (other workers notice on theirs)
            worker.ifAvailable(StepWorker::heartbeatSoon);
        }
        return stop;
    }
}
