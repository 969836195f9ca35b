package io.upgradeorchestrator.rollout;

import java.util.List;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionOutcome;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.runbook.HealthAnswer;
import io.upgradeorchestrator.runbook.RunbookRunner;
import io.upgradeorchestrator.worker.NodeStepHandler;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepHandlerSet;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTopics;

/**
 * The two runbook steps of a wave on one node: "Upgrade node" (topic {@code runbook.upgrade}) and "Check node health"
 * (topic {@code runbook.health}). Each performs on its node and returns what it found; the orchestrator records it
 * ({@link RecordNodeStep}).
 */
@Component
class NodeUpgradeSteps implements StepHandlerSet {

    private final InventoryService inventory;
    private final RunbookRunner runner;

    NodeUpgradeSteps(InventoryService inventory, RunbookRunner runner) {
        this.inventory = inventory;
        this.runner = runner;
    }

    @Override
    public List<StepHandler> stepHandlers() {
        return List.of(NodeStepHandler.of(StepTopics.UPGRADE, inventory, this::upgrade),
                NodeStepHandler.of(StepTopics.HEALTH, inventory, this::checkHealth));
    }

    /**
     * The runbook's upgrade of one node. "No" is the outcome FAILED (a business outcome the health gate counts); an
     * upgrade that could not run throws (retries, then an incident). Stopped while it runs (its wave stopped, the
     * upgrade was cancelled), the worker kills the program and the orchestrator records the node CANCELLED.
     */
    StepOutcome upgrade(StepInput node, InventorySystem system) {
        if (!PrepareNodeStep.UPGRADABLE.contains(NodeStatus.valueOf(node.nodeStatus()))) {
            return StepOutcome.of(NodeSteps.UPGRADE, node.nodeId(), null, null); // a re-delivered step: done
        }
        ActionResult upgrade = runner.run(node.upgradeId() + ":" + node.runId() + ":upgrade:" + node.nodeId(),
                "upgrade", NodeContexts.runbook(system).upgrade().action(), NodeContexts.of(node), null);
        if (upgrade.outcome() == ActionOutcome.ERROR) {
            upgrade.orThrow();
        }
        return upgrade.succeeded()
                ? StepOutcome.of(NodeSteps.UPGRADE, node.nodeId(), NodeStatus.UPGRADED.name(), "upgraded from "
                        + node.fromVersion() + " to " + node.targetVersion() + ": " + upgrade.summary())
                : StepOutcome.of(NodeSteps.UPGRADE, node.nodeId(), NodeStatus.FAILED.name(),
                        "upgrade FAILED: " + upgrade.summary());
    }

    /**
     * An upgraded node must answer the runbook's health check with the target release, else its outcome is
     * UNHEALTHY. The wave's gate finds the answer in the action record under the same key.
     */
    StepOutcome checkHealth(StepInput node, InventorySystem system) {
        if (!NodeStatus.UPGRADED.name().equals(node.nodeStatus())) {
            return StepOutcome.of(NodeSteps.HEALTH, node.nodeId(), null, null); // failed, cancelled: nothing to check
        }
        ActionResult health = runner.run(RolloutService.healthKey(node.upgradeId(), node.runId(), node.nodeId()),
                "healthCheck", NodeContexts.runbook(system).healthCheck().action(), NodeContexts.of(node), null);
        return HealthAnswer.runs(health, node.targetVersion())
                ? StepOutcome.of(NodeSteps.HEALTH, node.nodeId(), null, null)
                : StepOutcome.of(NodeSteps.HEALTH, node.nodeId(), NodeStatus.UNHEALTHY.name(),
                        "health check does not show release " + node.targetVersion() + ": " + health.summary());
    }
}
