package io.upgradeorchestrator.rollout;

import java.time.Instant;

/**
 * One production node in one upgrade: where it stands in the plan, its final backup and what happened to it.
 *
 * @param planOrder order of the node in the whole plan (upgrades run in this order, rollbacks in reverse)
 */
public record RolloutNodeResult(String upgradeId, String nodeId, int wave, boolean canary, int planOrder, String site,
                                String host, String fromVersion, String targetVersion, String backupLocation,
                                String backupSha256, Long backupSizeBytes, NodeStatus status, Instant upgradedAt,
                                Instant rolledBackAt, String summary) {
}
