package io.upgradeorchestrator.action;

import java.util.List;

/**
 * Counts lines matching patterns in a log file or in a command's output.
 *
 * <p>A file is read on the orchestrator's machine and only lines at or after {@link ActionContext#since()} count:
 * a line's time is an ISO-like timestamp at its start ({@code 2025-03-01 10:15:02,123}, {@code 2025-03-01T10:15:02Z},
 * optionally in brackets); lines without one (stack traces) belong to the line before; lines before the first
 * timestamp count, so a file without timestamps is scanned whole rather than silently skipped.
 * A command's output is not filtered by time: the command is expected to select it ({@code journalctl --since {since}}).
 *
 * @param file    path of the log file, or {@code null} when {@code command} is given
 * @param command argument list whose output is scanned, or {@code null} when {@code file} is given
 */
public record LogScanSpec(String file, List<String> command, List<LogPattern> patterns) implements ActionSpec {

    public LogScanSpec {
        boolean hasFile = file != null && !file.isBlank();
        boolean hasCommand = command != null && !command.isEmpty();
        if (hasFile == hasCommand) {
            throw new InvalidActionException("a log scan needs either a file or a command, not both");
        }
        if (patterns == null || patterns.isEmpty()) {
            throw new InvalidActionException("a log scan needs at least one pattern");
        }
        command = hasCommand ? List.copyOf(command) : null;
        patterns = List.copyOf(patterns);
    }

    public static LogScanSpec ofFile(String file, LogPattern... patterns) {
        return new LogScanSpec(file, null, List.of(patterns));
    }

    public static LogScanSpec ofCommand(List<String> command, LogPattern... patterns) {
        return new LogScanSpec(null, command, List.of(patterns));
    }

    @Override
    public ActionKind kind() {
        return ActionKind.LOG_SCAN;
    }

    @Override
    public String describe() {
        return file != null ? "scan " + file : "scan output of " + CommandSpec.of(command.toArray(String[]::new)).describe();
    }
}
