package io.upgradeorchestrator.verification;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.configuration.ConfigurationReader;
import io.upgradeorchestrator.configuration.ConfigurationSnapshot;
import io.upgradeorchestrator.configuration.SnapshotPhase;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.rollout.NodeContexts;
import io.upgradeorchestrator.worker.NodeStepHandler;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;

/**
 * "Run acceptance checks" on one node (topic {@code runbook.acceptance}): the runbook's checks CORE first, stopping
 * on the node at a CORE failure. "Judge acceptance checks" then reads every answer from the action record. Then the
 * node's configuration items are read again, to compare them with before the change; the readings travel in the
 * outcome and the orchestrator stores them, whichever worker ran the step.
 */
@Component
class AcceptanceChecksStep extends NodeStepHandler {

    static final String STEP = NodeStepHandler.stepOf(StepTopics.ACCEPTANCE);

    private final Verification verification;
    private final ConfigurationReader configuration;

    AcceptanceChecksStep(InventoryService inventory, Verification verification, ConfigurationReader configuration) {
        super(StepTopics.ACCEPTANCE, inventory);
        this.verification = verification;
        this.configuration = configuration;
    }

    @Override
    protected StepOutcome perform(StepTask task, StepInput node, InventorySystem system) {
        verification.acceptanceOfNode(node.upgradeId(), node.runId(), system, NodeContexts.asRow(node));
        return StepOutcome.of(STEP, node.nodeId(), null, null).withConfiguration(configuration
                .read(SnapshotPhase.AFTER_CHANGE, node.runId(), system, NodeContexts.of(node)).stream()
                .map(ConfigurationSnapshot::reading).toList());
    }
}
