package io.upgradeorchestrator.rollout;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.backup.FinalBackup;
import io.upgradeorchestrator.configuration.ConfigurationReader;
import io.upgradeorchestrator.configuration.ConfigurationSnapshot;
import io.upgradeorchestrator.configuration.SnapshotPhase;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.worker.NodeStepHandler;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;

/**
 * "Back up node" (topic {@code runbook.backup}): one production node's final backup. The file stays where the worker
 * wrote it (its backup directory); its location, size, SHA-256 and check go to the node's row. It also reads the
 * node's configuration items as they are before the change; the readings travel in the outcome and the orchestrator
 * stores them ({@link RecordNodeStep}), whichever worker ran the step.
 */
@Component
class BackUpNodeStep extends NodeStepHandler {

    private final FinalBackup finalBackup;
    private final ConfigurationReader configuration;

    BackUpNodeStep(InventoryService inventory, FinalBackup finalBackup, ConfigurationReader configuration) {
        super(StepTopics.BACKUP, inventory);
        this.finalBackup = finalBackup;
        this.configuration = configuration;
    }

    @Override
    protected StepOutcome perform(StepTask task, StepInput input, InventorySystem system) {
        Node node = system.nodesIn(Environment.PRODUCTION).stream()
                .filter(candidate -> candidate.id().equals(input.nodeId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("Node " + input.nodeId() + " of " + input.upgradeId()
                        + " is not a production node of " + system.id() + " in this worker's inventory"));
        FinalBackup.NodeBackup backup = finalBackup.backUpNode(input.upgradeId(), input.runId(), system, node,
                input.targetVersion());
        ActionContext context = new ActionContext(input.upgradeId(), system.id(), node.id(), node.host(),
                node.version(), input.targetVersion(), null, null);
        return new StepOutcome(NodeSteps.BACKUP, input.nodeId(), null, null, new StepOutcome.Backup(
                backup.location(), backup.sizeBytes(), backup.sha256(), backup.verified(), backup.summary()), null)
                .withConfiguration(configuration.read(SnapshotPhase.BEFORE, input.runId(), system, context).stream()
                        .map(ConfigurationSnapshot::reading).toList());
    }
}
