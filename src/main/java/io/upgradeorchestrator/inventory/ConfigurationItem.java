package io.upgradeorchestrator.inventory;

/** Configuration that must be backed up besides data: settings, certificates, routing rules, scheduled jobs … */
public record ConfigurationItem(String name, String kind, String location) {
}
