package io.upgradeorchestrator.rollout;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.worker.StepInput;

/** The values a step's runbook actions may use, from the step's input; and the runbook, from the worker's inventory. */
public final class NodeContexts {

    private NodeContexts() {
    }

    public static ActionContext of(StepInput node) {
        return new ActionContext(node.upgradeId(), node.systemId(), node.nodeId(), node.host(), node.fromVersion(),
                node.targetVersion(), node.backupLocation(), null);
    }

    /** The node as a rollout row, for the domain services that take one. */
    public static RolloutNodeResult asRow(StepInput node) {
        return new RolloutNodeResult(node.upgradeId(), node.nodeId(), 0, false, 0, node.site(), node.host(),
                node.fromVersion(), node.targetVersion(), node.backupLocation(), null, null,
                NodeStatus.valueOf(node.nodeStatus()), null, null, null);
    }

    static Runbook runbook(InventorySystem system) {
        if (system.runbook() == null) {
            throw new IllegalStateException("System " + system.id() + " has no runbook in this worker's inventory");
        }
        return system.runbook();
    }
}
