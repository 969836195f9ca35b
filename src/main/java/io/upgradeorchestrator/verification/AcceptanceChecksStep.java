package io.upgradeorchestrator.verification;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.rollout.NodeContexts;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;

/**
 * "Run acceptance checks" on one node (topic {@code runbook.acceptance}): the runbook's checks CORE first, stopping
 * on the node at a CORE failure. "Judge acceptance checks" then reads every answer from the action record.
 */
@Component
class AcceptanceChecksStep implements StepHandler {

    static final String STEP = "acceptance";

    private final InventoryService inventory;
    private final Verification verification;

    AcceptanceChecksStep(InventoryService inventory, Verification verification) {
        this.inventory = inventory;
        this.verification = verification;
    }

    @Override
    public String topic() {
        return StepTopics.ACCEPTANCE;
    }

    @Override
    public StepOutcome perform(StepTask task) {
        StepInput node = task.input();
        verification.acceptanceOfNode(node.upgradeId(), node.runId(), inventory.requireRecent(node.systemId()),
                NodeContexts.asRow(node));
        return StepOutcome.of(STEP, node.nodeId(), null, null);
    }
}
