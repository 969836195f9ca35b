package io.upgradeorchestrator.action;

/**
 * Reads a text file on the orchestrator's machine, e.g. a configuration item to record. The content is kept as
 * output (bounded, secrets masked like every action's output). A file that does not exist is a "no"
 * ({@link ActionOutcome#FAILED}): the item is missing; one that exists but cannot be read could not be read
 * ({@link ActionOutcome#ERROR}).
 *
 * @param file path of the file; may contain placeholders ({@code {node}} …)
 */
public record FileReadSpec(String file) implements ActionSpec {

    public FileReadSpec {
        if (file == null || file.isBlank()) {
            throw new InvalidActionException("a file read needs a file");
        }
    }

    @Override
    public ActionKind kind() {
        return ActionKind.FILE_READ;
    }

    @Override
    public String describe() {
        return "read " + file;
    }
}
