package io.upgradeorchestrator.monitoring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionRunRepository;
import io.upgradeorchestrator.probes.ProbeMeasurements;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepRecords;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * End listener of "Run probes on node": records the node's measurements of the round in {@code probe_measurement}
 * (replacing those of an earlier run of the same step) and the probes' action runs in {@code action_run}, in the
 * completion's transaction, as {@code rollout.RecordNodeStep} does for the rollout's steps. The round's judge reads
 * them.
 */
@Component("recordProbeStep")
class RecordProbeStep implements ExecutionListener {

    private final ProbeMeasurements measurements;
    private final ActionRunRepository actionRuns;

    RecordProbeStep(ProbeMeasurements measurements, ActionRunRepository actionRuns) {
        this.measurements = measurements;
        this.actionRuns = actionRuns;
    }

    /** The idempotency keys of a round's probe runs, as they were when one job measured every node. */
    static String keyPrefix(String upgradeId, String runId, String roundKey) {
        return ProbeMeasurements.BASELINE_ROUND.equals(roundKey) ? upgradeId + ":" + runId + ":baseline:"
                : upgradeId + ":monitoring:" + roundKey + ":";
    }

    @Override
    public void notify(DelegateExecution execution) {
        String nodeId = (String) execution.getVariable(StepVariables.NODE);
        StepOutcome outcome = StepRecords.outcomeOf(execution, ProbeNodeStep.STEP, nodeId);
        if (outcome != null) { // none: withdrawn with its round, nothing was measured
            record((String) execution.getVariable(StepVariables.UPGRADE_ID),
                    (String) execution.getVariable(StepVariables.RUN_ID),
                    (String) execution.getVariable(StepVariables.PROBE_ROUND_KEY), nodeId, outcome);
        }
    }

    /** Checks the outcome of one node's probes of one round and records it. */
    void record(String upgradeId, String runId, String roundKey, String nodeId, StepOutcome outcome) {
        String problem = StepRecords.foreign(outcome, ProbeNodeStep.STEP, upgradeId, nodeId,
                keyPrefix(upgradeId, runId, roundKey));
        if (problem == null && (outcome.nodeStatus() != null || outcome.backup() != null
                || !outcome.configuration().isEmpty())) {
            problem = "a probe step reports measurements only";
        }
        if (problem == null && outcome.measurements().stream().anyMatch(measured -> measured.probe() == null
                || measured.samples() < 0 || measured.medianLatencyMillis() < 0
                || !(measured.errorRatePercent() >= 0 && measured.errorRatePercent() <= 100))) {
            // a worker's numbers feed the baseline and the monitoring's judgement: no negative or impossible ones
            problem = "every measurement names its probe, counts its samples and gives a latency of 0 ms or more and"
                    + " an error rate between 0 and 100 %";
        }
        if (problem == null && outcome.measurements().stream().map(StepOutcome.Measurement::probe).distinct().count()
                != outcome.measurements().size()) {
            problem = "each probe is measured once per node and round";
        }
        StepRecords.refuseIf(problem, ProbeNodeStep.STEP, upgradeId, nodeId);
        outcome.actions().forEach(actionRuns::importRun);
        measurements.replace(upgradeId, roundKey, nodeId, outcome.measurements().stream()
                .map(measured -> new ProbeMeasurements.Measurement(nodeId, measured.probe(),
                        measured.medianLatencyMillis(), measured.errorRatePercent(), measured.samples()))
                .toList());
    }
}
