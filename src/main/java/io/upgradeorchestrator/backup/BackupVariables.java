package io.upgradeorchestrator.backup;

import io.upgradeorchestrator.variables.Var;

/** The backup proof an upgrade carries to its approvers, and the operations decision when there is none. */
public final class BackupVariables {

    private BackupVariables() {
    }

    public static final Var<String> BACKUP_NODE = Var.string("backupNode");
    public static final Var<String> BACKUP_LOCATION = Var.string("backupLocation");
    public static final Var<Long> BACKUP_SIZE_BYTES = Var.longNumber("backupSizeBytes");
    public static final Var<String> BACKUP_SHA256 = Var.string("backupSha256");
    public static final Var<Boolean> BACKUP_VERIFIED = Var.bool("backupVerified");
    public static final Var<Boolean> RESTORE_VERIFIED = Var.bool("restoreVerified");
    public static final Var<String> BACKUP_SUMMARY = Var.text("backupSummary");
    /** Counts "Resolve backup problem → retry" rounds; each round takes a fresh backup. */
    public static final Var<Integer> BACKUP_ATTEMPT = Var.integer("backupAttempt");
    /** RETRY or CANCEL, chosen by operations in "Resolve backup problem". */
    public static final Var<String> BACKUP_PROBLEM_DECISION = Var.string("backupProblemDecision");
}
