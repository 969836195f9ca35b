package io.upgradeorchestrator.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables the main process hands to "Carry out upgrade" for a low-risk staged rollout to 1.1 owned by
 * operations, with its window open now: for tests and benchmarks that start that diagram on its own.
 */
public final class RolloutFacts {

    private RolloutFacts() {
    }

    /** A mutable map, so a caller can change what its scenario needs. */
    public static Map<String, Object> lowRisk(String upgradeId, String systemId, String systemName,
                                              String currentVersion, int canaryNodes, int maxParallelNodes,
                                              int failureThreshold) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("upgradeId", upgradeId);
        variables.put("requester", "rita");
        variables.put("systemId", systemId);
        variables.put("systemName", systemName);
        variables.put("currentVersion", currentVersion);
        variables.put("targetVersion", "1.1");
        variables.put("ownerGroup", "operations");
        variables.put("upgradeTitle", upgradeId + ": " + systemId + " → 1.1");
        variables.put("taskPriority", 50);
        variables.put("riskLevel", "LOW");
        variables.put("stagedRollout", true);
        variables.put("canaryNodes", canaryNodes);
        variables.put("maxParallelNodes", maxParallelNodes);
        variables.put("failureThreshold", failureThreshold);
        variables.put("rollbackAutomatic", false);
        variables.put("rollbackDecisionOwner", "operations");
        variables.put("forwardFixOnly", false);
        variables.put("dataMigration", false);
        variables.put("irreversibleMigration", false);
        variables.put("windowStart", Date.from(Instant.now().minus(1, ChronoUnit.MINUTES)));
        variables.put("windowEnd", Date.from(Instant.now().plus(6, ChronoUnit.HOURS)));
        variables.put("rollbackDeadline", Date.from(Instant.now().plus(4, ChronoUnit.HOURS)));
        return variables;
    }
}
