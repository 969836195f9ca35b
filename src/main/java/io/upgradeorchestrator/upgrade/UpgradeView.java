package io.upgradeorchestrator.upgrade;

import java.time.Instant;
import java.util.List;

import io.upgradeorchestrator.rollout.RolloutProgress.WaveProgress;

/**
 * Where an upgrade stands, as {@code GET /api/upgrades/{id}} answers; {@code waves} is the rollout's progress per
 * wave (empty before the rollout is planned, and in lists).
 */
public record UpgradeView(
        String id,
        String systemId,
        String systemName,
        String currentVersion,
        String targetVersion,
        String reason,
        String purpose,
        String requester,
        String phase,
        String status,
        Instant startedAt,
        Instant endedAt,
        String urgency,
        String changeType,
        String riskLevel,
        String compatibility,
        String approvalOutcome,
        List<OpenTask> openTasks,
        List<OpenIncident> incidents,
        List<WaveProgress> waves) {

    /** A task waiting for someone: who may do it (candidate groups or assignee), and by when. */
    public record OpenTask(String id, String name, String taskDefinitionKey, String assignee, List<String> candidateGroups,
                           Instant created, Instant due, int priority) {
    }

    /** A failed step waiting for operations. */
    public record OpenIncident(String id, String activityId, String message, Instant since) {
    }
}
