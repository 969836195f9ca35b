package io.upgradeorchestrator.rollout;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.backup.FinalBackup;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/** "Back up node" (topic {@code runbook.backup}): one production node's final backup, recorded on its row. */
@Component
class BackUpNodeStep implements StepHandler {

    static final String STEP = "backup";

    private final InventoryService inventory;
    private final RolloutService rollout;
    private final FinalBackup finalBackup;

    BackUpNodeStep(InventoryService inventory, RolloutService rollout, FinalBackup finalBackup) {
        this.inventory = inventory;
        this.rollout = rollout;
        this.finalBackup = finalBackup;
    }

    @Override
    public String topic() {
        return StepTopics.BACKUP;
    }

    @Override
    public Map<String, Object> handle(StepTask task) {
        String upgradeId = task.string(StepVariables.UPGRADE_ID);
        String nodeId = task.string(StepVariables.NODE);
        InventorySystem system = inventory.requireRecent(task.string(StepVariables.SYSTEM_ID));
        Node node = system.nodesIn(Environment.PRODUCTION).stream().filter(candidate -> candidate.id().equals(nodeId))
                .findFirst().orElseThrow(() -> new IllegalStateException("Node " + nodeId + " of " + upgradeId
                        + " is not a production node of " + system.id() + " in the inventory"));
        rollout.stepOf(upgradeId, nodeId, STEP);
        try {
            rollout.recordNodeBackup(upgradeId, finalBackup.backUpNode(upgradeId, task.string(StepVariables.RUN_ID),
                    system, node, task.string(StepVariables.TARGET_VERSION)));
        } finally {
            rollout.stepOf(upgradeId, nodeId, null);
        }
        return Map.of();
    }
}
