package io.upgradeorchestrator.action;

import static io.upgradeorchestrator.action.Execution.human;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

/** Runs a {@link CommandSpec}: the exit code decides, the bounded output explains. */
final class CommandAction {

    private final ProcessExecutor processes;
    private final int maxOutputBytes;
    private final Duration defaultTimeout;

    CommandAction(ProcessExecutor processes, int maxOutputBytes, Duration defaultTimeout) {
        this.processes = processes;
        this.maxOutputBytes = maxOutputBytes;
        this.defaultTimeout = defaultTimeout;
    }

    Execution execute(CommandSpec spec) {
        BoundedOutput output = new BoundedOutput(maxOutputBytes);
        Duration timeout = spec.timeout() != null ? spec.timeout() : defaultTimeout;
        ProcessExecutor.Finished finished = processes.run(spec.command(), spec.workingDirectory(), spec.environment(),
                timeout, output::write);
        if (finished.startFailure() != null) {
            return Execution.error(finished.duration(), "could not start", finished.startFailure());
        }
        if (finished.cancelled() != null) {
            return new Execution(ActionOutcome.ERROR, null, null, finished.duration(),
                    "was cancelled after " + human(finished.duration()) + " and killed (" + finished.cancelled() + ")",
                    output.lastLine(), output.text(), output.omittedBytes(), output.omittedLines(), Map.of());
        }
        if (finished.timedOut()) {
            return new Execution(ActionOutcome.ERROR, null, null, finished.duration(),
                    "timed out after " + human(timeout) + " and was killed", output.lastLine(),
                    output.text(), output.omittedBytes(), output.omittedLines(), Map.of());
        }
        int exitCode = finished.exitCode();
        boolean expected = spec.expectedExitCodes().contains(exitCode);
        String what = "exited " + exitCode
                + (expected ? "" : " (expected " + String.join(" or ", new TreeSet<>(spec.expectedExitCodes())
                        .stream().map(String::valueOf).toList()) + ")")
                + " after " + human(finished.duration());
        return new Execution(expected ? ActionOutcome.SUCCEEDED : ActionOutcome.FAILED, exitCode, null,
                finished.duration(), what, output.lastLine(), output.text(), output.omittedBytes(),
                output.omittedLines(), Map.of());
    }
}
