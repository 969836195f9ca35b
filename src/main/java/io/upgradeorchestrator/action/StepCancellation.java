package io.upgradeorchestrator.action;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Lets whoever started a step stop it from outside: the external task worker cancels a step whose work item is gone
 * (the rollback was decided, the upgrade was cancelled, the lock was lost), and the program the step is running is
 * killed with its whole process tree, as on a timeout. No thread is interrupted (an interrupted thread may close the
 * H2 file database under it); the program is killed and the step's thread goes on to record what happened.
 *
 * <p>The worker binds a cancellation to the thread that runs the step ({@link #callWith}); the action layer asks
 * {@link #current()} when it starts a program.
 */
public final class StepCancellation {

    private static final ThreadLocal<StepCancellation> CURRENT = new ThreadLocal<>();

    private final List<Runnable> onCancel = new ArrayList<>();
    private volatile String reason;

    /** Runs {@code step} with this cancellation bound to the current thread. */
    public <T> T callWith(Callable<T> step) throws Exception {
        StepCancellation previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return step.call();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** The cancellation of the step running on this thread, or {@code null} outside a worker's step. */
    public static StepCancellation current() {
        return CURRENT.get();
    }

    /** Stops the step: kills what it is running now and refuses to start anything else. */
    public void cancel(String why) {
        List<Runnable> actions;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            actions = List.copyOf(onCancel);
        }
        actions.forEach(Runnable::run);
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** Why it was cancelled, or {@code null}. */
    public String reason() {
        return reason;
    }

    /**
     * Registers what to do on cancellation (kill a process); runs it at once when already cancelled.
     *
     * @return a handle to remove it again once the program ended
     */
    Runnable onCancel(Runnable action) {
        synchronized (this) {
            if (reason == null) {
                onCancel.add(action);
                return () -> {
                    synchronized (this) {
                        onCancel.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> {
        };
    }
}
