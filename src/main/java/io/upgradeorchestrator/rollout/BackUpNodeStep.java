package io.upgradeorchestrator.rollout;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.backup.FinalBackup;
import io.upgradeorchestrator.configuration.ConfigurationCapture;
import io.upgradeorchestrator.configuration.SnapshotPhase;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;

/**
/**
 * "Back up node" (topic {@code runbook.backup}): one production node's final backup. The file stays where the worker
 * wrote it (its backup directory); its location, size, SHA-256 and check go to the node's row. In the application it
 * also reads the node's configuration items as they are before the change; a remote worker has no orchestrator
 * database to store them in and does not read them (the node then has no "before" snapshot).
 */
@Component
class BackUpNodeStep implements StepHandler {

    private final InventoryService inventory;
    private final FinalBackup finalBackup;
    /** Not on a remote worker: its readings would have no orchestrator table to go to. */
    private final ObjectProvider<ConfigurationCapture> configuration;

    BackUpNodeStep(InventoryService inventory, FinalBackup finalBackup,
                   ObjectProvider<ConfigurationCapture> configuration) {
        this.inventory = inventory;
        this.finalBackup = finalBackup;
        this.configuration = configuration;
    }

    @Override
    public String topic() {
        return StepTopics.BACKUP;
    }

    @Override
    public StepOutcome perform(StepTask task) {
        StepInput input = task.input();
        InventorySystem system = inventory.requireRecent(input.systemId());
        Node node = system.nodesIn(Environment.PRODUCTION).stream()
                .filter(candidate -> candidate.id().equals(input.nodeId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("Node " + input.nodeId() + " of " + input.upgradeId()
                        + " is not a production node of " + system.id() + " in this worker's inventory"));
        FinalBackup.NodeBackup backup = finalBackup.backUpNode(input.upgradeId(), input.runId(), system, node,
                input.targetVersion());
        ConfigurationCapture capture = configuration.getIfAvailable();
        if (capture != null) {
            capture.capture(SnapshotPhase.BEFORE, input.runId(), system, new ActionContext(input.upgradeId(),
                    system.id(), node.id(), node.host(), node.version(), input.targetVersion(), null, null));
        }
        return new StepOutcome(NodeSteps.BACKUP, input.nodeId(), null, null, new StepOutcome.Backup(
                backup.location(), backup.sizeBytes(), backup.sha256(), backup.verified(), backup.summary()), null);
    }
}
