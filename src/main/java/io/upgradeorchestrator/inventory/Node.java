package io.upgradeorchestrator.inventory;

/** One server, instance or device of a system, at a site, in an environment, running a version. */
public record Node(String id, String host, String site, Environment environment, String version) {
}
