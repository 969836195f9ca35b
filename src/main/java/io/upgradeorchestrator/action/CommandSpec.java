package io.upgradeorchestrator.action;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A program started with an argument list, never through a shell. It runs on the orchestrator's machine;
 * reaching another machine is the runbook's business (e.g. {@code ssh {host} systemctl restart app}).
 *
 * @param command           program and arguments; each element stays exactly one argument
 * @param workingDirectory  directory to start in, or {@code null} for the application's own
 * @param environment       variables added to a small inherited set (see {@code inherited-environment})
 * @param timeout           after this the whole process tree is killed; {@code null} = {@code default-timeout}
 * @param expectedExitCodes exit codes that mean success; {@code null} or empty = {0}
 */
public record CommandSpec(List<String> command, String workingDirectory, Map<String, String> environment,
                          Duration timeout, Set<Integer> expectedExitCodes) implements ActionSpec {

    public CommandSpec {
        if (command == null || command.isEmpty() || command.get(0) == null || command.get(0).isBlank()) {
            throw new InvalidActionException("a command needs at least a program name");
        }
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        expectedExitCodes = expectedExitCodes == null || expectedExitCodes.isEmpty()
                ? Set.of(0) : Set.copyOf(expectedExitCodes);
    }

    public static CommandSpec of(String... command) {
        return new CommandSpec(List.of(command), null, Map.of(), null, null);
    }

    public CommandSpec withTimeout(Duration timeout) {
        return new CommandSpec(command, workingDirectory, environment, timeout, expectedExitCodes);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.COMMAND;
    }

    @Override
    public String describe() {
        return command.stream().map(CommandSpec::quoteIfNeeded).collect(Collectors.joining(" "));
    }

    /** Quotes only for display, so a person sees where one argument ends; nothing is ever parsed back. */
    static String quoteIfNeeded(String argument) {
        if (!argument.isEmpty() && argument.chars().noneMatch(c -> Character.isWhitespace(c) || "'\"\\;&|$`<>()*?".indexOf(c) >= 0)) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
