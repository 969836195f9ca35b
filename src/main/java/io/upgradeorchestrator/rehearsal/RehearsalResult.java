package io.upgradeorchestrator.rehearsal;

/**
 * What a rehearsal showed.
 *
 * @param nodes                the rehearsal nodes, comma-separated (empty when the inventory has none)
 * @param upgradeMinutes       the longest upgrade of a rehearsal node, rounded up, at least 1; null when no upgrade ran
 * @param rollbackMinutes      the longest rollback of a rehearsal node, rounded up, at least 1; null when none ran
 */
public record RehearsalResult(String nodes, boolean passed, Integer upgradeMinutes, Integer rollbackMinutes,
                              String acceptanceSummary, String performanceSummary, String summary) {
}
