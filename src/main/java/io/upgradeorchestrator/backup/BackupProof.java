package io.upgradeorchestrator.backup;

/**
 * What a backup readiness check found: a backup that was taken, checked and restored — or where that failed.
 *
 * @param location        the backup file, or {@code null} when none was written
 * @param sizeBytes       its size, or {@code null}
 * @param sha256          its SHA-256 (hex), or {@code null}
 * @param backupVerified  the runbook's verify step accepted the file
 * @param restoreVerified the backup was restored into a scratch location and the runbook's verify-restore step
 *                        accepted the result
 * @param summary         for people: what was done, where, with which result
 */
public record BackupProof(String node, String location, Long sizeBytes, String sha256, boolean backupVerified,
                          boolean restoreVerified, String summary) {

    /** No tested restore, no approval. */
    public boolean ready() {
        return backupVerified && restoreVerified;
    }
}
