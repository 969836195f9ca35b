package io.upgradeorchestrator.action;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a program from an argument list and waits for it with a timeout. Output (stdout and stderr merged)
 * is read by its own thread into a sink, so a program printing a lot never blocks on a full pipe.
 */
final class ProcessExecutor {

    /** How long to wait for output still in the pipe after the process ended (a background child may hold it). */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

    interface Sink {
        void write(byte[] bytes, int offset, int length);
    }

    /**
     * @param exitCode     the exit code, or {@code null} when it did not start or timed out
     * @param startFailure why it could not start, or {@code null}
     * @param cancelled    why it was killed because its step was cancelled ({@link StepCancellation}), or {@code null}
     */
    record Finished(Integer exitCode, boolean timedOut, String startFailure, Duration duration, String cancelled) {

        Finished(Integer exitCode, boolean timedOut, String startFailure, Duration duration) {
            this(exitCode, timedOut, startFailure, duration, null);
        }
    }

    private final List<String> inheritedEnvironment;
    private final Duration killGrace;

    ProcessExecutor(List<String> inheritedEnvironment, Duration killGrace) {
        this.inheritedEnvironment = inheritedEnvironment;
        this.killGrace = killGrace;
    }

    Finished run(List<String> command, String workingDirectory, Map<String, String> environment, Duration timeout,
                 Sink sink) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (workingDirectory != null && !workingDirectory.isBlank()) {
            builder.directory(new File(workingDirectory));
        }
        // Start from a small environment: the orchestrator's own (database passwords …) must not leak into targets.
        Map<String, String> processEnvironment = builder.environment();
        processEnvironment.clear();
        inheritedEnvironment.forEach(name -> {
            String value = System.getenv(name);
            if (value != null) {
                processEnvironment.put(name, value);
            }
        });
        processEnvironment.putAll(environment);

        long start = System.nanoTime();
        StepCancellation cancellation = StepCancellation.current();
        if (cancellation != null && cancellation.isCancelled()) {
            return new Finished(null, false, null, Duration.ZERO, cancellation.reason());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Finished(null, false, e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
        closeQuietly(process.getOutputStream()); // no input: a program waiting for it would only hang
        Thread reader = new Thread(() -> copy(process.getInputStream(), sink), "action-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();

        // a cancelled step kills the tree from the worker's heartbeat thread; waitFor then returns
        Runnable unregister = cancellation == null ? () -> { } : cancellation.onCancel(() -> killTree(process));
        boolean finished;
        try {
            finished = waitFor(process, timeout);
        } finally {
            unregister.run();
        }
        if (!finished) {
            killTree(process);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        joinQuietly(reader, DRAIN_WAIT);
        if (cancellation != null && cancellation.isCancelled()) {
            return new Finished(null, false, null, duration, cancellation.reason());
        }
        return finished
                ? new Finished(process.exitValue(), false, null, duration)
                : new Finished(null, true, null, duration);
    }

    /** Ends the process and everything it started: politely first, then forcibly after the grace period. */
    private void killTree(Process process) {
        // Take the list before killing: once the parent is gone its children are no longer its descendants.
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + killGrace.toNanos();
        for (ProcessHandle handle : tree) {
            try {
                long remaining = deadline - System.nanoTime();
                if (remaining > 0) {
                    handle.onExit().get(remaining, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // still alive or interrupted; destroyed forcibly below
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // treated like a timeout: the tree is killed rather than left running unobserved
        }
    }

    private static void copy(InputStream in, Sink sink) {
        byte[] buffer = new byte[8192];
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                sink.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // the stream closes when the process is killed; what was read so far is kept
        }
    }

    private static void joinQuietly(Thread thread, Duration wait) {
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // nothing to do: the process simply gets no input
        }
    }
}
