package io.upgradeorchestrator.rollbackplan;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Runbook;

/**
 * A rollback plan drafted from the runbook, for the system owner to correct and confirm.
 *
 * @param rollbackTimeMinutes the runbook's estimate for all production nodes, one after the other, plus the health
 *                            check; the rehearsal measures the real time later
 */
public record RollbackPlanDraft(String decisionOwner, String triggers, String steps, int rollbackTimeMinutes,
                                String dataLossWindow, boolean automatic, boolean forwardFixOnly) {

    public static RollbackPlanDraft of(InventorySystem system, boolean dataMigration, boolean irreversibleMigration) {
        Runbook runbook = system.runbook();
        int nodes = Math.max(1, system.nodesIn(Environment.PRODUCTION).size());
        if (runbook == null) {
            return new RollbackPlanDraft(system.ownerGroup(), "", "System " + system.id()
                    + " has no runbook in the inventory: describe every rollback step here.", 60,
                    dataMigration ? "Changes since the backup at window start are lost when the backup is restored."
                            : "None expected (no data migration).", false, irreversibleMigration);
        }
        String checks = runbook.acceptanceChecks().stream().filter(c -> c.priority() == Runbook.Priority.CORE)
                .map(Runbook.AcceptanceCheck::name).collect(Collectors.joining(", "));
        String probes = runbook.monitoringProbes().stream()
                .map(p -> p.name() + " slower than " + p.maxLatencyMillis() + " ms or more than "
                        + p.maxErrorRatePercent() + " % errors")
                .collect(Collectors.joining("; "));
        String triggers = "- the health check of an upgraded node fails\n"
                + (checks.isEmpty() ? "" : "- a core acceptance check fails: " + checks + "\n")
                + (probes.isEmpty() ? "" : "- a monitoring probe crosses its threshold: " + probes + "\n")
                + "- the upgrade cannot be completed before the rollback deadline of the window";
        String steps;
        Duration perNode;
        if (irreversibleMigration) {
            steps = "Forward fix only: the data migration cannot be reversed. Problems are fixed forward. If that is "
                    + "impossible, restore the full backup taken at window start on every node:\n"
                    + "1. " + runbook.restore().action().describe() + "\n"
                    + "2. " + runbook.verifyRestore().action().describe() + "\n"
                    + "3. " + runbook.healthCheck().action().describe() + " must name the old version\n"
                    + "4. Tell the affected users that the old version is back and which changes were lost";
            perNode = runbook.restore().estimate().plus(runbook.verifyRestore().estimate());
        } else {
            steps = "On every upgraded node, last upgraded first:\n"
                    + "1. " + runbook.rollback().action().describe() + "\n"
                    + "2. " + runbook.healthCheck().action().describe() + " must name the old version\n"
                    + "3. Run the core acceptance checks" + (checks.isEmpty() ? "" : " (" + checks + ")") + "\n"
                    + "4. Tell the affected users that the old version is back";
            perNode = runbook.rollback().estimate();
        }
        long minutes = perNode.multipliedBy(nodes).plus(runbook.healthCheck().estimate()).toMinutes();
        String dataLoss = dataMigration
                ? "Data written between the backup at window start and the rollback is lost: the rollback restores "
                  + "the backup. Stop writes during the window to make this window empty."
                : "None expected: no data migration, the rollback switches the release back.";
        return new RollbackPlanDraft(system.ownerGroup(), triggers, steps, (int) Math.max(1, minutes), dataLoss,
                !irreversibleMigration, irreversibleMigration);
    }
}
