package io.upgradeorchestrator.inventory;

/** Something the system is built from or talks to, in one of the five areas, with the version in use. */
public record Component(Area area, String name, String version) {
}
