package io.upgradeorchestrator.action;

/**
 * What an action does, as the inventory's runbook declares it. Text fields may contain placeholders
 * ({@code {node}}, {@code {targetVersion}} …) that {@link Placeholders} fills from an {@link ActionContext}.
 */
public sealed interface ActionSpec permits CommandSpec, HttpCheckSpec, SqlCheckSpec, LogScanSpec,
        FileReadSpec {

    ActionKind kind();

    /** What runs, in one line, for records and messages (placeholders already filled, secrets not yet masked). */
    String describe();
}
