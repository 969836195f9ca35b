package io.upgradeorchestrator.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The action runs one runbook step made or was answered from, collected on the step's thread: the step's outcome
 * carries them to the orchestrator, which records them in its {@code action_run} (a remote worker's own journal is
 * a database of its own). The last run of a key wins.
 */
public final class StepActions {

    private static final ThreadLocal<StepActions> CURRENT = new ThreadLocal<>();

    private final Map<String, ActionRun> runs = new LinkedHashMap<>();

    /** Result of a step and the action runs it made. */
    public record Collected<T>(T result, List<ActionRun> runs) {
    }

    /** Runs {@code step} on this thread, collecting every action run it makes or is answered from. */
    public static <T> Collected<T> collect(Callable<T> step) throws Exception {
        StepActions previous = CURRENT.get();
        StepActions actions = new StepActions();
        CURRENT.set(actions);
        try {
            T result = step.call();
            return new Collected<>(result, List.copyOf(new ArrayList<>(actions.runs.values())));
        } finally {
            CURRENT.set(previous);
        }
    }

    static void noteCurrent(ActionRun run) {
        StepActions actions = CURRENT.get();
        if (actions != null) {
            actions.runs.remove(run.idempotencyKey());
            actions.runs.put(run.idempotencyKey(), run);
        }
    }
}
