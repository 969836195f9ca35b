package io.upgradeorchestrator.rollout;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.backup.FinalBackup;
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
 * "Back up node" (topic {@code runbook.backup}): one production node's final backup. The file stays where the worker
 * wrote it (its backup directory); its location, size, SHA-256 and check go to the node's row.
 */
@Component
class BackUpNodeStep implements StepHandler {

    private final InventoryService inventory;
    private final FinalBackup finalBackup;

    BackUpNodeStep(InventoryService inventory, FinalBackup finalBackup) {
        this.inventory = inventory;
        this.finalBackup = finalBackup;
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
        return new StepOutcome(NodeSteps.BACKUP, input.nodeId(), null, null, new StepOutcome.Backup(
                backup.location(), backup.sizeBytes(), backup.sha256(), backup.verified(), backup.summary()), null);
    }
}
