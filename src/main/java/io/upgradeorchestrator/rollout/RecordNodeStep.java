package io.upgradeorchestrator.rollout;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionRunRepository;
import io.upgradeorchestrator.backup.FinalBackup;
import io.upgradeorchestrator.configuration.ConfigurationCapture;
import io.upgradeorchestrator.configuration.ConfigurationSnapshot;
import io.upgradeorchestrator.configuration.SnapshotPhase;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepRecords;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * End listener of every per-node runbook step: records what the worker found ({@link StepVariables#OUTCOME}) in the
 * rollout table and its action runs in {@code action_run}, inside the engine's transaction of the completion, so the
 * record and the completion stand or fall together. The same path for the application's worker and a remote one.
 *
 * <p>A step that ends without an outcome was withdrawn (its wave stopped, its upgrade was cancelled). An upgrade step
 * a worker held then may have half-changed its node: CANCELLED, so a rollback covers it and a continued rollout
 * upgrades it again. One no worker had taken goes back to PLANNED.
 */
@Component("recordNodeStep")
class RecordNodeStep implements ExecutionListener {

    private static final Set<String> UPGRADE_RESULTS = Set.of(NodeStatus.UPGRADED.name(), NodeStatus.FAILED.name());

    private final RolloutNodeResults results;
    private final ActionRunRepository actionRuns;
    private final ConfigurationCapture configuration;
    private final Clock clock;

    RecordNodeStep(RolloutNodeResults results, ActionRunRepository actionRuns, ConfigurationCapture configuration,
                   Clock clock) {
        this.results = results;
        this.actionRuns = actionRuns;
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String upgradeId = (String) execution.getVariable(StepVariables.UPGRADE_ID);
        String runId = (String) execution.getVariable(StepVariables.RUN_ID);
        String nodeId = (String) execution.getVariable(StepVariables.NODE);
        String step = NodeSteps.of(execution.getCurrentActivityId());
        StepOutcome outcome = StepRecords.outcomeOf(execution, step, nodeId);
        if (outcome == null) {
            if (NodeSteps.UPGRADE.equals(step)) {
                withdrawn(execution, upgradeId, nodeId);
            }
            return;
        }
        check(outcome, step, upgradeId, runId, nodeId);
        List<ConfigurationSnapshot> read = configurationOf(outcome, step, upgradeId, nodeId);
        outcome.actions().forEach(actionRuns::importRun);
        if (!read.isEmpty()) {
            configuration.record(upgradeId, read.get(0).phase(), nodeId, read);
        }
        switch (step) {
            case NodeSteps.BACKUP -> results.recordNodeBackup(upgradeId, backupOf(outcome));
            case NodeSteps.UPGRADE -> {
                if (outcome.nodeStatus() != null) {
                    results.recordUpgradeEnded(upgradeId, nodeId, NodeStatus.valueOf(outcome.nodeStatus()),
                            clock.instant(), outcome.summary());
                }
            }
            case NodeSteps.HEALTH -> {
                if (outcome.nodeStatus() != null) {
                    results.recordHealth(upgradeId, nodeId, NodeStatus.UNHEALTHY, outcome.summary());
                }
            }
            default -> {
                // acceptance checks: the gate reads their answers from the action record
            }
        }
    }

    /** A worker answers for its own step only: this node, this kind of step, action runs of this run. */
    private static void check(StepOutcome outcome, String step, String upgradeId, String runId, String nodeId) {
        String problem = StepRecords.foreign(outcome, step, upgradeId, nodeId, upgradeId + ":" + runId + ":");
        StepRecords.refuseIf(problem != null ? problem : statusProblem(outcome, step), step, upgradeId, nodeId);
    }

    /** The configuration items the step read: before the change with the backup, after it with the checks. */
    private static List<ConfigurationSnapshot> configurationOf(StepOutcome outcome, String step, String upgradeId,
                                                               String nodeId) {
        if (outcome.configuration().isEmpty()) {
            return List.of();
        }
        SnapshotPhase phase = NodeSteps.BACKUP.equals(step) ? SnapshotPhase.BEFORE
                : NodeSteps.ACCEPTANCE.equals(step) ? SnapshotPhase.AFTER_CHANGE : null;
        if (phase == null) {
            throw StepRecords.refused("a " + step + " step reads no configuration items", step, upgradeId, nodeId);
        }
        try {
            return outcome.configuration().stream()
                    .map(reading -> ConfigurationSnapshot.of(upgradeId, phase, nodeId, reading)).toList();
        } catch (IllegalArgumentException e) {
            throw StepRecords.refused(e.getMessage(), step, upgradeId, nodeId);
        }
    }

    /** What this kind of step may say of its node. */
    private static String statusProblem(StepOutcome outcome, String step) {
        String problem = null;
        if (NodeSteps.UPGRADE.equals(step) && outcome.nodeStatus() != null
                && !UPGRADE_RESULTS.contains(outcome.nodeStatus())) {
            problem = "an upgrade ends UPGRADED or FAILED, not " + outcome.nodeStatus();
        } else if (NodeSteps.HEALTH.equals(step) && outcome.nodeStatus() != null
                && !NodeStatus.UNHEALTHY.name().equals(outcome.nodeStatus())) {
            problem = "a health check records only UNHEALTHY, not " + outcome.nodeStatus();
        } else if ((NodeSteps.BACKUP.equals(step) || NodeSteps.ACCEPTANCE.equals(step)) && outcome.nodeStatus() != null) {
            problem = "a " + step + " step does not change the node's status";
        } else if (NodeSteps.BACKUP.equals(step) && outcome.backup() == null) {
            problem = "a backup step must report the node's backup";
        }
        return problem;
    }

    private static FinalBackup.NodeBackup backupOf(StepOutcome outcome) {
        StepOutcome.Backup backup = outcome.backup();
        return new FinalBackup.NodeBackup(outcome.nodeId(), backup.location(), backup.sizeBytes(), backup.sha256(),
                backup.verified(), backup.summary());
    }

    private void withdrawn(DelegateExecution execution, String upgradeId, String nodeId) {
        List<ExternalTaskEntity> tasks = Context.getCommandContext().getExternalTaskManager()
                .findExternalTasksByExecutionId(execution.getId());
        ExternalTaskEntity task = tasks.isEmpty() ? null : tasks.get(0);
        boolean held = task == null || task.getLockExpirationTime() != null
                && task.getLockExpirationTime().after(ClockUtil.getCurrentTime());
        if (held) {
            results.recordUpgradeEnded(upgradeId, nodeId, NodeStatus.CANCELLED, clock.instant(),
                    "upgrade CANCELLED while it ran: withdrawn while " + (task == null ? "a worker"
                            : "worker " + task.getWorkerId()) + " held it (the worker kills what it runs)");
        } else {
            results.recordWithdrawnBeforeStart(upgradeId, nodeId);
        }
    }
}
