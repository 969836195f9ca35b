package io.upgradeorchestrator.rollout;

/**
 * What a wave's health gate found.
 *
 * @param trigger        null when the rollout may go on, else CANARY_FAILED, HEALTH_GATE or FAILURE_THRESHOLD
 * @param detail         for people: which nodes, what ran, what came back
 */
public record HealthGate(int wave, int healthy, int unhealthy, int failedUpgrades, int failedInRollout, String trigger,
                         String detail) {
}
