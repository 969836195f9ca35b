package io.upgradeorchestrator.worker;

import java.util.Map;

/**
 * Runs one kind of runbook step (one topic). Thin, like a delegate: read the step's variables, call one domain
 * service, return what the process needs. A "no" from the target is a result recorded by the service; a step that
 * could not run throws (the worker reports the failure with the action's summary: retries, then an incident).
 */
public interface StepHandler {

    /** The topic it serves, one of {@link StepTopics}. */
    String topic();

    /** Runs the step; returns variables to complete the external task with (usually none). */
    Map<String, Object> handle(StepTask task);

    /**
     * The step was cancelled while it ran (its work item is gone, the program was killed): record it so the node's
     * state says so. Called on the step's own thread after {@link #handle} returned or threw.
     */
    default void cancelled(StepTask task, String reason) {
    }
}
