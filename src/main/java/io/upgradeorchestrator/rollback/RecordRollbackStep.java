package io.upgradeorchestrator.rollback;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionRunRepository;
import io.upgradeorchestrator.configuration.ConfigurationCapture;
import io.upgradeorchestrator.configuration.ConfigurationSnapshot;
import io.upgradeorchestrator.configuration.SnapshotPhase;
import io.upgradeorchestrator.rollout.NodeStatus;
import io.upgradeorchestrator.rollout.RolloutNodeResults;
import io.upgradeorchestrator.worker.FailedStepRecorder;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepRecords;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * End listener of the rollback steps of "Roll back wave" (and the recorder of their failures): records what the
 * worker found in the completion's transaction, as {@code rollout.RecordNodeStep} does for the rollout's steps. A
 * rolled-back node is ROLLED_BACK with the rollback's summary, a rollback's "no" (sent with the failure) is
 * ROLLBACK_FAILED; the action runs go to {@code action_run}; the configuration items read after the old version was
 * verified go to the configuration snapshots (phase "after rollback").
 */
@Component("recordRollbackStep")
class RecordRollbackStep implements ExecutionListener, FailedStepRecorder {

    private static final Map<String, String> STEPS = Map.of(
            UpgradeRollbackProcess.NodeRollbackElements.ROLL_BACK_NODE, NodeRollbackSteps.ROLLBACK,
            UpgradeRollbackProcess.NodeRollbackElements.RESTORE_NODE, NodeRollbackSteps.RESTORE,
            UpgradeRollbackProcess.NodeRollbackElements.VERIFY_OLD_VERSION, NodeRollbackSteps.VERIFY);

    private final RolloutNodeResults results;
    private final ActionRunRepository actionRuns;
    private final ConfigurationCapture configuration;
    private final Clock clock;

    RecordRollbackStep(RolloutNodeResults results, ActionRunRepository actionRuns, ConfigurationCapture configuration,
                       Clock clock) {
        this.results = results;
        this.actionRuns = actionRuns;
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public Set<String> topics() {
        return Set.of(StepTopics.ROLLBACK, StepTopics.RESTORE, StepTopics.VERIFY_OLD_VERSION);
    }

    @Override
    public void notify(DelegateExecution execution) {
        StepOutcome outcome = StepRecords.outcomeOf(execution, stepOf(execution),
                (String) execution.getVariable(StepVariables.NODE));
        if (outcome != null) { // none: withdrawn with its upgrade, nothing was found
            record(execution, outcome, false);
        }
    }

    @Override
    public void recordFailure(DelegateExecution execution, StepOutcome outcome) {
        record(execution, outcome, true);
    }

    private void record(DelegateExecution execution, StepOutcome outcome, boolean failed) {
        String upgradeId = (String) execution.getVariable(StepVariables.UPGRADE_ID);
        String nodeId = (String) execution.getVariable(StepVariables.NODE);
        String step = stepOf(execution);
        String problem = StepRecords.foreign(outcome, step, upgradeId, nodeId, keyPrefixes(step, upgradeId, nodeId));
        List<ConfigurationSnapshot> read = List.of();
        if (problem == null) {
            problem = statusProblem(outcome, step, failed);
        }
        if (problem == null && !outcome.configuration().isEmpty()) {
            try {
                read = outcome.configuration().stream().map(reading -> ConfigurationSnapshot.of(upgradeId,
                        SnapshotPhase.AFTER_ROLLBACK, nodeId, reading)).toList();
                if (!NodeRollbackSteps.VERIFY.equals(step) || failed) {
                    problem = "only a verified old version comes with the configuration items read";
                }
            } catch (IllegalArgumentException e) {
                problem = "a configuration item read is not valid: " + e.getMessage();
            }
        }
        StepRecords.refuseIf(problem, step, upgradeId, nodeId);
        outcome.actions().forEach(actionRuns::importRun);
        if (outcome.nodeStatus() != null) {
            results.recordRollback(upgradeId, nodeId, NodeStatus.valueOf(outcome.nodeStatus()), clock.instant(),
                    outcome.summary());
        }
        if (!read.isEmpty()) {
            configuration.record(upgradeId, SnapshotPhase.AFTER_ROLLBACK, nodeId, read);
        }
    }

    /** A rollback ends ROLLED_BACK (or leaves an unchanged node alone) or fails ROLLBACK_FAILED; others say none. */
    private static String statusProblem(StepOutcome outcome, String step, boolean failed) {
        if (outcome.nodeStatus() == null) {
            return null;
        }
        NodeStatus allowed = failed ? NodeStatus.ROLLBACK_FAILED : NodeStatus.ROLLED_BACK;
        if (!NodeRollbackSteps.ROLLBACK.equals(step) || !allowed.name().equals(outcome.nodeStatus())) {
            return "a " + step + " step " + (failed ? "that failed" : "that ended") + " cannot make its node "
                    + outcome.nodeStatus();
        }
        return null;
    }

    /** The idempotency keys of the action runs each step makes ({@link NodeRollbackSteps}). */
    private static String[] keyPrefixes(String step, String upgradeId, String nodeId) {
        if (!NodeRollbackSteps.VERIFY.equals(step)) {
            return new String[] {upgradeId + ":" + step + ":" + nodeId + ":"};
        }
        return new String[] {upgradeId + ":verify-old:" + nodeId + ":", upgradeId + ":"
                + NodeRollbackSteps.CONFIGURATION_RUN + ":configuration:after_rollback:" + nodeId + ":"};
    }

    private static String stepOf(DelegateExecution execution) {
        String step = STEPS.get(execution.getCurrentActivityId());
        if (step == null) {
            throw new IllegalStateException(execution.getCurrentActivityId() + " is not a rollback step of a node");
        }
        return step;
    }
}
