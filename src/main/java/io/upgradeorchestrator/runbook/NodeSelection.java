package io.upgradeorchestrator.runbook;

import java.util.List;

import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;

/** Which of the system's nodes, as the inventory lists them, a runbook action runs on. */
public enum NodeSelection {
    /** Every production node, in inventory order. */
    PRODUCTION,
    /** Every test node. */
    TEST,
    /** Every pilot node. */
    PILOT,
    /** The first production node only (the one the tested backup is taken from). */
    FIRST_PRODUCTION;

    /** The nodes; never empty. */
    public List<Node> of(InventorySystem system) {
        List<Node> nodes = switch (this) {
            case PRODUCTION, FIRST_PRODUCTION -> system.nodesIn(Environment.PRODUCTION);
            case TEST -> system.nodesIn(Environment.TEST);
            case PILOT -> system.nodesIn(Environment.PILOT);
        };
        if (nodes.isEmpty()) {
            throw new IllegalStateException("System " + system.id() + " has no " + (this == FIRST_PRODUCTION
                    ? "production" : name().toLowerCase()) + " node in the inventory: nothing to run the action on. "
                    + "Add the node to the inventory or choose other nodes, then retry the job.");
        }
        return this == FIRST_PRODUCTION ? nodes.subList(0, 1) : nodes;
    }

    /** Parses a task input; a clear message names the allowed values. */
    public static NodeSelection parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Input 'nodes' is missing; use one of " + List.of(values()));
        }
        try {
            return valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Input 'nodes' is '" + value + "'; use one of " + List.of(values()), e);
        }
    }
}
