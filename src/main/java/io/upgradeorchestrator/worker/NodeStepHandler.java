package io.upgradeorchestrator.worker;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;

/**
 * The shape every per-node step handler shares: the node's facts from the step's input, its system from this
 * worker's own copy of the inventory (the runbook it may run), one call that performs the step and says what it
 * found. A step either extends it or is made with {@link #of}.
 */
public abstract class NodeStepHandler implements StepHandler {

    /** What a step does on its node. */
    @FunctionalInterface
    public interface Perform {
        StepOutcome perform(StepInput node, InventorySystem system);
    }

    private final String topic;
    private final InventoryService inventory;

    protected NodeStepHandler(String topic, InventoryService inventory) {
        this.topic = topic;
        this.inventory = inventory;
    }

    /** A handler of {@code topic} that performs {@code perform}. */
    public static StepHandler of(String topic, InventoryService inventory, Perform perform) {
        return new NodeStepHandler(topic, inventory) {
            @Override
            protected StepOutcome perform(StepTask task, StepInput node, InventorySystem system) {
                return perform.perform(node, system);
            }
        };
    }

    @Override
    public final String topic() {
        return topic;
    }

    @Override
    public final StepOutcome perform(StepTask task) {
        StepInput node = task.input();
        return perform(task, node, inventory.requireRecent(node.systemId()));
    }

    /** Performs the step on {@code node} ({@code task} holds the variables fetched with it). */
    protected abstract StepOutcome perform(StepTask task, StepInput node, InventorySystem system);

    /** The kind of step of a topic, as outcomes name it: {@code runbook.rollback.fra} → {@code rollback}. */
    public static String stepOf(String topic) {
        return StepTopics.plain(topic).substring("runbook.".length());
    }
}
