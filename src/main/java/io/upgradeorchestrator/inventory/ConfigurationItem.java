package io.upgradeorchestrator.inventory;

import io.upgradeorchestrator.action.ActionSpec;

/**
 * Configuration that must be backed up besides data: settings, certificates, routing rules, scheduled jobs …
 *
 * @param read how the item's current content is read on a node: a command that prints it or a file
 *             ({@link io.upgradeorchestrator.action.CommandSpec} or {@link io.upgradeorchestrator.action.FileReadSpec},
 *             placeholders such as {@code {node}} filled per node); {@code null} when the inventory does not say, and
 *             then the item cannot be recorded before and after an upgrade
 */
public record ConfigurationItem(String name, String kind, String location, ActionSpec read) {

    /** An item the inventory only describes. */
    public ConfigurationItem(String name, String kind, String location) {
        this(name, kind, location, null);
    }
}
