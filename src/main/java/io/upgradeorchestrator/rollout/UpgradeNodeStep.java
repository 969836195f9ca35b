package io.upgradeorchestrator.rollout;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionOutcome;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.runbook.RunbookRunner;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;

/**
 * "Upgrade node" (topic {@code runbook.upgrade}): the runbook's upgrade of one node. "No" is the outcome FAILED (a
 * business outcome the health gate counts); an upgrade that could not run throws (retries, then an incident).
 * Stopped while it runs (its wave stopped, the upgrade was cancelled), the worker kills the program and the
 * orchestrator records the node CANCELLED.
 */
@Component
class UpgradeNodeStep implements StepHandler {

    private final InventoryService inventory;
    private final RunbookRunner runner;

    UpgradeNodeStep(InventoryService inventory, RunbookRunner runner) {
        this.inventory = inventory;
        this.runner = runner;
    }

    @Override
    public String topic() {
        return StepTopics.UPGRADE;
    }

    @Override
    public StepOutcome perform(StepTask task) {
        StepInput node = task.input();
        if (!PrepareNodeStep.UPGRADABLE.contains(NodeStatus.valueOf(node.nodeStatus()))) {
            return StepOutcome.of(NodeSteps.UPGRADE, node.nodeId(), null, null); // a re-delivered step: done
        }
        ActionResult upgrade = runner.run(node.upgradeId() + ":" + node.runId() + ":upgrade:" + node.nodeId(),
                "upgrade", NodeContexts.runbook(inventory.requireRecent(node.systemId())).upgrade().action(),
                NodeContexts.of(node), null);
        if (upgrade.outcome() == ActionOutcome.ERROR) {
            upgrade.orThrow();
        }
        return upgrade.succeeded()
                ? StepOutcome.of(NodeSteps.UPGRADE, node.nodeId(), NodeStatus.UPGRADED.name(), "upgraded from "
                        + node.fromVersion() + " to " + node.targetVersion() + ": " + upgrade.summary())
                : StepOutcome.of(NodeSteps.UPGRADE, node.nodeId(), NodeStatus.FAILED.name(),
                        "upgrade FAILED: " + upgrade.summary());
    }
}
