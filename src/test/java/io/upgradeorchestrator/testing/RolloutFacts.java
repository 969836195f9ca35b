package io.upgradeorchestrator.testing;

import static io.upgradeorchestrator.assessment.AssessmentVariables.RISK_LEVEL;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.FORWARD_FIX_ONLY;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.ROLLBACK_AUTOMATIC;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.ROLLBACK_DECISION_OWNER;
import static io.upgradeorchestrator.variables.UpgradeVariables.CANARY_NODES;
import static io.upgradeorchestrator.variables.UpgradeVariables.CURRENT_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.DATA_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.IRREVERSIBLE_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.MAX_PARALLEL_NODES;
import static io.upgradeorchestrator.variables.UpgradeVariables.OWNER_GROUP;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUESTER;
import static io.upgradeorchestrator.variables.UpgradeVariables.STAGED_ROLLOUT;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_NAME;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_TITLE;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_END;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.ROLLBACK_DEADLINE;

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
        variables.put(UPGRADE_ID.name(), upgradeId);
        variables.put(REQUESTER.name(), "rita");
        variables.put(SYSTEM_ID.name(), systemId);
        variables.put(SYSTEM_NAME.name(), systemName);
        variables.put(CURRENT_VERSION.name(), currentVersion);
        variables.put(TARGET_VERSION.name(), "1.1");
        variables.put(OWNER_GROUP.name(), "operations");
        variables.put(UPGRADE_TITLE.name(), upgradeId + ": " + systemId + " → 1.1");
        variables.put("taskPriority", 50);
        variables.put(RISK_LEVEL.name(), "LOW");
        variables.put(STAGED_ROLLOUT.name(), true);
        variables.put(CANARY_NODES.name(), canaryNodes);
        variables.put(MAX_PARALLEL_NODES.name(), maxParallelNodes);
        variables.put("failureThreshold", failureThreshold);
        variables.put(ROLLBACK_AUTOMATIC.name(), false);
        variables.put(ROLLBACK_DECISION_OWNER.name(), "operations");
        variables.put(FORWARD_FIX_ONLY.name(), false);
        variables.put(DATA_MIGRATION.name(), false);
        variables.put(IRREVERSIBLE_MIGRATION.name(), false);
        variables.put(WINDOW_START.name(), Date.from(Instant.now().minus(1, ChronoUnit.MINUTES)));
        variables.put(WINDOW_END.name(), Date.from(Instant.now().plus(6, ChronoUnit.HOURS)));
        variables.put(ROLLBACK_DEADLINE.name(), Date.from(Instant.now().plus(4, ChronoUnit.HOURS)));
        return variables;
    }
}
