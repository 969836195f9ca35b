package io.upgradeorchestrator.rollout;

import java.util.Map;

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
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * "Back up node" (topic {@code runbook.backup}): one production node's final backup, recorded on its row, and its
 * configuration items as they are before the change.
 */
@Component
class BackUpNodeStep implements StepHandler {

    static final String STEP = "backup";

    private final InventoryService inventory;
    private final RolloutService rollout;
    private final FinalBackup finalBackup;
    private final ConfigurationCapture configuration;

    BackUpNodeStep(InventoryService inventory, RolloutService rollout, FinalBackup finalBackup,
                   ConfigurationCapture configuration) {
        this.inventory = inventory;
        this.rollout = rollout;
        this.finalBackup = finalBackup;
        this.configuration = configuration;
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
        String runId = task.string(StepVariables.RUN_ID);
        String targetVersion = task.string(StepVariables.TARGET_VERSION);
        try {
            rollout.recordNodeBackup(upgradeId, finalBackup.backUpNode(upgradeId, runId, system, node, targetVersion));
            configuration.capture(SnapshotPhase.BEFORE, runId, system, new ActionContext(upgradeId, system.id(),
                    node.id(), node.host(), node.version(), targetVersion, null, null));
        } finally {
            rollout.stepOf(upgradeId, nodeId, null);
        }
        return Map.of();
    }
}
