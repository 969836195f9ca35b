package io.upgradeorchestrator.upgrade;

import java.time.Instant;
import java.util.List;

/** Where an upgrade stands, as {@code GET /api/upgrades/{id}} answers. */
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
        List<OpenIncident> incidents) {

    /** A task waiting for someone: who may do it (candidate groups or assignee), and by when. */
    public record OpenTask(String id, String name, String taskDefinitionKey, String assignee, List<String> candidateGroups,
                           Instant created, Instant due, int priority) {
    }

    /** A failed step waiting for operations. */
    public record OpenIncident(String id, String activityId, String message, Instant since) {
    }
}
