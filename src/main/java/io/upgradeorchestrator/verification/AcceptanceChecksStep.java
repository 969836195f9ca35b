package io.upgradeorchestrator.verification;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.configuration.ConfigurationCapture;
import io.upgradeorchestrator.configuration.SnapshotPhase;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.rollout.RolloutNodeResults;
import io.upgradeorchestrator.rollout.RolloutService;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * "Run acceptance checks" on one node (topic {@code runbook.acceptance}): the runbook's checks CORE first, stopping
 * on the node at a CORE failure. "Judge acceptance checks" then reads every answer from the action record. Then the
 * node's configuration items are read again, to compare them with before the change.
 */
@Component
class AcceptanceChecksStep implements StepHandler {

    static final String STEP = "acceptance";

    private final InventoryService inventory;
    private final RolloutNodeResults results;
    private final RolloutService rollout;
    private final Verification verification;
    private final ConfigurationCapture configuration;

    AcceptanceChecksStep(InventoryService inventory, RolloutNodeResults results, RolloutService rollout,
                         Verification verification, ConfigurationCapture configuration) {
        this.inventory = inventory;
        this.results = results;
        this.rollout = rollout;
        this.verification = verification;
        this.configuration = configuration;
    }

    @Override
    public String topic() {
        return StepTopics.ACCEPTANCE;
    }

    @Override
    public Map<String, Object> handle(StepTask task) {
        String upgradeId = task.string(StepVariables.UPGRADE_ID);
        String nodeId = task.string(StepVariables.NODE);
        var node = results.find(upgradeId, nodeId).orElseThrow(() -> new IllegalStateException(
                "Node " + nodeId + " is not in the rollout plan of " + upgradeId));
        rollout.stepOf(upgradeId, nodeId, STEP);
        String runId = task.string(StepVariables.RUN_ID);
        InventorySystem system = inventory.requireRecent(task.string(StepVariables.SYSTEM_ID));
        try {
            verification.acceptanceOfNode(upgradeId, runId, system, node);
            configuration.capture(SnapshotPhase.AFTER_CHANGE, runId, system, new ActionContext(upgradeId,
                    system.id(), node.nodeId(), node.host(), node.fromVersion(), node.targetVersion(),
                    node.backupLocation(), null));
        } finally {
            rollout.stepOf(upgradeId, nodeId, null);
        }
        return Map.of();
    }
}
