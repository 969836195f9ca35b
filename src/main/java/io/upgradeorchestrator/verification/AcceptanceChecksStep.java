package io.upgradeorchestrator.verification;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.rollout.RolloutNodeResults;
import io.upgradeorchestrator.rollout.RolloutService;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * "Run acceptance checks" on one node (topic {@code runbook.acceptance}): the runbook's checks CORE first, stopping
 * on the node at a CORE failure. "Judge acceptance checks" then reads every answer from the action record.
 */
@Component
class AcceptanceChecksStep implements StepHandler {

    static final String STEP = "acceptance";

    private final InventoryService inventory;
    private final RolloutNodeResults results;
    private final RolloutService rollout;
    private final Verification verification;

    AcceptanceChecksStep(InventoryService inventory, RolloutNodeResults results, RolloutService rollout,
                         Verification verification) {
        this.inventory = inventory;
        this.results = results;
        this.rollout = rollout;
        this.verification = verification;
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
        try {
            verification.acceptanceOfNode(upgradeId, task.string(StepVariables.RUN_ID),
                    inventory.requireRecent(task.string(StepVariables.SYSTEM_ID)), node);
        } finally {
            rollout.stepOf(upgradeId, nodeId, null);
        }
        return Map.of();
    }
}
