package io.upgradeorchestrator.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionOutcome;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.runbook.RunbookRunner;
import io.upgradeorchestrator.files.SafePaths;
import io.upgradeorchestrator.files.BackupProperties;

/**
 * "A backup that has never been tested is only an assumption": takes a backup of the system's first production node
 * by its runbook, records size and SHA-256, lets the runbook verify it, restores it into a scratch location and lets
 * the runbook verify the restore. A step that answers "no" is a finding ({@link BackupProof#ready()} false); a step
 * that could not run at all is a technical failure (exception, so the job is retried and then becomes an incident).
 */
@Service
@EnableConfigurationProperties(BackupProperties.class)
public class BackupReadiness {

    private final RunbookRunner runner;
    private final BackupProperties properties;

    BackupReadiness(RunbookRunner runner, BackupProperties properties) {
        this.runner = runner;
        this.properties = properties;
    }

    /**
     * @param runId   identifies this check among all checks of the upgrade (a new one for a business retry), so
     *                that a retried job re-uses the same file names and idempotency keys
     */
    public BackupProof takeAndTest(String upgradeId, String runId, InventorySystem system, String targetVersion) {
        Runbook runbook = system.runbook();
        Node node = system.nodesIn(Environment.PRODUCTION).stream().findFirst().orElse(null);
        if (runbook == null || node == null) {
            return new BackupProof(null, null, null, null, false, false, "No backup taken: system " + system.id()
                    + (runbook == null ? " has no runbook in the inventory" : " has no production node")
                    + ". Add it to the inventory, then retry.");
        }
        Path location = SafePaths.under(properties.directory(), upgradeId, runId, node.id() + ".tar.gz");
        Path scratch = SafePaths.under(properties.scratchDirectory(), upgradeId, runId, node.id());
        ActionContext context = new ActionContext(upgradeId, system.id(), node.id(), node.host(), node.version(),
                targetVersion, location.toString(), null);
        String key = upgradeId + ":" + runId + ":" + node.id() + ":";
        String on = " on " + node.id() + " (" + node.site() + ", release " + node.version() + ")";

        ActionResult backup = run(key + "backup", "backup", runbook.backup(), context, null);
        if (!backup.succeeded()) {
            return failed(node, null, null, null, "Backup failed" + on + ": " + backup.summary());
        }
        Checksum written;
        try {
            written = Checksum.of(location);
        } catch (IOException e) {
            return failed(node, location, null, null, "Backup" + on + " reported success, but " + location
                    + " cannot be read: " + e.getMessage());
        }
        if (written.size() == 0) {
            return failed(node, location, 0L, written.sha256(), "Backup" + on + " wrote an empty file " + location);
        }
        ActionResult verify = run(key + "verifyBackup", "verifyBackup", runbook.verifyBackup(), context, null);
        if (!verify.succeeded()) {
            return failed(node, location, written.size(), written.sha256(),
                    "Backup" + on + " did not pass its check: " + verify.summary());
        }
        ActionResult restore = run(key + "restore", "restore", runbook.restore(), context, scratch);
        ActionResult verifyRestore = restore.succeeded()
                ? run(key + "verifyRestore", "verifyRestore", runbook.verifyRestore(), context, scratch) : null;
        String proof = "Backup of " + node.id() + " (" + node.site() + ", release " + node.version() + "): "
                + location + ", " + written.size() + " bytes, SHA-256 " + written.sha256() + ". Verified by the runbook.";
        if (verifyRestore == null || !verifyRestore.succeeded()) {
            return new BackupProof(node.id(), location.toString(), written.size(), written.sha256(), true, false,
                    proof + " Restore test FAILED: " + (verifyRestore == null ? restore : verifyRestore).summary());
        }
        Checksum after;
        try {
            after = Checksum.of(location);
        } catch (IOException e) {
            after = new Checksum(-1, "unreadable: " + e.getMessage());
        }
        if (!after.sha256().equals(written.sha256())) {
            return new BackupProof(node.id(), location.toString(), written.size(), written.sha256(), true, false,
                    proof + " The backup changed while it was tested (SHA-256 now " + after.sha256()
                            + "): it cannot be trusted.");
        }
        return new BackupProof(node.id(), location.toString(), written.size(), written.sha256(), true, true,
                proof + " Restored into " + scratch + " and the restore verified by the runbook.");
    }

    private ActionResult run(String key, String name, Runbook.Step step, ActionContext context, Path restoreDirectory) {
        ActionResult result = runner.run(key, name, step.action(), context, restoreDirectory);
        // could not run at all (missing program, timeout): a technical failure for retries and an incident
        return result.outcome() == ActionOutcome.ERROR ? result.orThrow() : result;
    }

    private static BackupProof failed(Node node, Path location, Long size, String sha256, String summary) {
        return new BackupProof(node.id(), location == null ? null : location.toString(), size, sha256, false, false,
                summary);
    }

    /** Size and SHA-256 of a file, read once. */
    record Checksum(long size, String sha256) {

        static Checksum of(Path file) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
            long size = 0;
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = in.read(buffer)) != -1; ) {
                    size += read;
                }
            }
            return new Checksum(size, HexFormat.of().formatHex(digest.digest()));
        }
    }
}
