package io.upgradeorchestrator.worker;

/**
 * Compatibility path for the rollback steps ({@link StepTopics#IN_APPLICATION}): they have not moved to the
 * perform/record contract yet. They read the process variables and write the orchestrator's tables themselves (node
 * status, configuration snapshots), so only the application's worker may run them: a remote worker has none of them
 * (its {@code Parts} leave the rollback package out), never fetches their topics, and a {@code step-workers} account
 * may not complete them (security.TaskCommandGuard). Their outcome carries nothing the orchestrator records.
 */
public interface InApplicationStepHandler extends StepHandler {

    /** Runs the step and records its result in the orchestrator's tables, as before the outcome contract. */
    void handle(StepTask task);

    @Override
    default StepOutcome perform(StepTask task) {
        handle(task);
        return StepOutcome.of(StepTopics.plain(topic()).substring("runbook.".length()), task.string(StepVariables.NODE),
                null, null);
    }
}
