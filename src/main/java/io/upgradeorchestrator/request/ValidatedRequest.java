package io.upgradeorchestrator.request;

import java.time.Instant;

import io.upgradeorchestrator.inventory.InventorySystem;

/** A request that passed every check, with its values parsed. */
public record ValidatedRequest(
        InventorySystem system,
        String currentVersion,
        String targetVersion,
        Reason reason,
        Severity severity,
        String purpose,
        Instant windowStart,
        Instant windowEnd,
        boolean dataMigration,
        boolean migrationReversible,
        String releaseNotesUrl) {

    public boolean irreversibleMigration() {
        return dataMigration && !migrationReversible;
    }
}
