package io.upgradeorchestrator.inventory;

/** This system depends on {@code systemId} (another inventory system) in the way {@code description} says. */
public record Dependency(String systemId, String description) {

    public Dependency {
        description = description == null ? "" : description;
    }
}
