package io.upgradeorchestrator.worker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a worker talks to the engine about external tasks: the engine's Java API inside the application
 * ({@link EngineExternalTasks}), or its REST API from a worker process of its own.
 */
public interface ExternalTaskGateway {

    /**
     * Locks up to {@code max} steps of the topics for {@code lockDuration}.
     *
     * @param businessKey only steps of this upgrade, or {@code null} for any
     */
    List<StepTask> fetchAndLock(String workerId, int max, List<String> topics, Duration lockDuration,
                                String businessKey);

    /** Locks one step by its id (tests, and operators running one step by hand). */
    StepTask lock(String externalTaskId, String workerId, Duration lockDuration);

    /**
     * Completes the step with its outcome as the local variable {@link StepVariables#OUTCOME}, which the orchestrator
     * records in the same transaction.
     *
     * @throws StepGoneException the step no longer exists or is no longer locked by this worker
     */
    void complete(StepTask task, String workerId, StepOutcome outcome);

    /**
     * Reports that the step could not run or its target said "no": retries with a pause, then an incident.
     *
     * @param outcome what the step found, sent as the local variable {@link StepVariables#OUTCOME} for the
     *                orchestrator to record with the failure; {@code null} when there is nothing to record
     * @throws StepGoneException the step no longer exists or is no longer locked by this worker
     */
    void handleFailure(StepTask task, String workerId, String errorMessage, String errorDetails, int retries,
                       Duration retryTimeout, StepOutcome outcome);

    /** @throws StepGoneException the step no longer exists or is no longer locked by this worker */
    void extendLock(StepTask task, String workerId, Duration lockDuration);

    /**
     * Extends the locks of many steps (the heartbeat); one by one unless the gateway can do better.
     *
     * @return the steps whose lock could not be extended, with why ({@link StepGoneException}: gone or lost)
     */
    default Map<StepTask, RuntimeException> extendLocks(List<StepTask> tasks, String workerId, Duration lockDuration) {
        Map<StepTask, RuntimeException> failed = new LinkedHashMap<>();
        for (StepTask task : tasks) {
            try {
                extendLock(task, workerId, lockDuration);
            } catch (RuntimeException e) {
                failed.put(task, e);
            }
        }
        return failed;
    }

    /** Gives a locked step back (this worker stops). */
    void unlock(StepTask task);

    /** The step is gone (completed by another, deleted with its process) or its lock is lost. */
    class StepGoneException extends RuntimeException {
        public StepGoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
