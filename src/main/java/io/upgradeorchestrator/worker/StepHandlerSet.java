package io.upgradeorchestrator.worker;

import java.util.ArrayList;
import java.util.List;

/**
 * The step handlers of one feature, declared together where they share their services (rollout.NodeUpgradeSteps,
 * rollback.NodeRollbackSteps): a worker serves them as if each were a bean of its own.
 */
public interface StepHandlerSet {

    List<StepHandler> stepHandlers();

    /** The single handlers and those of every set, as a worker serves them. */
    static List<StepHandler> all(List<StepHandler> handlers, List<StepHandlerSet> sets) {
        List<StepHandler> all = new ArrayList<>(handlers);
        sets.forEach(set -> all.addAll(set.stepHandlers()));
        return all;
    }
}
