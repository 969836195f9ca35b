package io.upgradeorchestrator.inventory;

/** Someone who must be reachable during the maintenance window: a role and the group that fills it. */
public record OnCallRole(String role, String group) {
}
