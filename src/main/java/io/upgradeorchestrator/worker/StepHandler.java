package io.upgradeorchestrator.worker;

/**
 * Performs one kind of runbook step (one topic) on its target. Thin, like a delegate: read the step's input, call one
 * domain service, return what it found. It writes nothing of the orchestrator's: the outcome travels with the
 * completion and is recorded by the orchestrator (rollout.RecordNodeStep, rollback.RecordRollbackStep,
 * monitoring.RecordProbeStep), so the same handler runs in the application's worker and in a remote worker. A "no"
 * from the target is an outcome; a step that could not run throws (the worker reports the failure with the action's
 * summary: retries, then an incident); a "no" that must be retried as well (a failed rollback) throws
 * {@link StepFailedException} with its outcome, which the failure report carries to the orchestrator. Most handlers
 * are {@link NodeStepHandler}s.
 */
public interface StepHandler {

    /** The topic it serves, one of {@link StepTopics}. */
    String topic();

    /** Runs the step on its node; the worker adds the action runs it made. */
    StepOutcome perform(StepTask task);
}
