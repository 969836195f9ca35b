package io.upgradeorchestrator.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionOutcome;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.variables.Summaries;
import io.upgradeorchestrator.runbook.RunbookRunner;
import io.upgradeorchestrator.files.SafePaths;
import io.upgradeorchestrator.files.BackupProperties;

/**
 * "Protect data before changing the environment": at the window's start, backs up data and configuration of every
 * production node by the runbook, records size and SHA-256 of each file, lets the runbook verify it and reads it
 * again to prove it did not change. A {@code SHA256SUMS} manifest (the format of {@code sha256sum -c}) lists every
 * file; its own SHA-256 stands for the whole backup. The node's rollback later returns it to exactly this file.
 *
 * <p>A step that answers "no" makes the backup unusable ({@link Result#verified()} false, the upgrade must not
 * start); a step that could not run at all is a technical failure (exception: retry, then incident).
 */
@Service
public class FinalBackup {

    static final String MANIFEST = "SHA256SUMS";

    private final RunbookRunner runner;
    private final BackupProperties properties;

    FinalBackup(RunbookRunner runner, BackupProperties properties) {
        this.runner = runner;
        this.properties = properties;
    }

    /** One node's backup. */
    public record NodeBackup(String node, String location, Long sizeBytes, String sha256, boolean verified,
                             String summary) {
    }

    /**
     * @param location    the folder with every node's file and the manifest
     * @param sha256      SHA-256 of the manifest, or {@code null} when the backup is not usable
     * @param sizeBytes   all node files together
     */
    public record Result(String location, Long sizeBytes, String sha256, boolean verified, String summary,
                         List<NodeBackup> nodes) {
    }

    /** The folder of this run's final backup. */
    public Path folder(String upgradeId, String runId) {
        return SafePaths.under(properties.directory(), upgradeId, "final-" + runId);
    }

    /**
     * Backs up one node by the runbook, checks the file's size and SHA-256, lets the runbook verify it and reads it
     * again. A "no" is an unverified {@link NodeBackup}; a step that could not run at all throws.
     */
    public NodeBackup backUpNode(String upgradeId, String runId, InventorySystem system, Node node,
                                 String targetVersion) {
        Runbook runbook = system.runbook();
        Path folder = folder(upgradeId, runId);
        if (runbook == null) {
            return new NodeBackup(node.id(), null, null, null, false, node.id() + ": system " + system.id()
                    + " has no runbook in the inventory");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            return new NodeBackup(node.id(), null, null, null, false, node.id() + ": the folder " + folder
                    + " cannot be created: " + e.getMessage());
        }
        return backUp(upgradeId, runId, system, runbook, node, folder, targetVersion);
    }

    /**
     * Judges the node backups together: verified only when every one of {@code expectedNodes} nodes has a verified
     * backup; then writes the {@code SHA256SUMS} manifest.
     */
    public Result conclude(String upgradeId, String runId, InventorySystem system, int expectedNodes,
                           List<NodeBackup> backups) {
        Path folder = folder(upgradeId, runId);
        if (system.runbook() == null || expectedNodes == 0) {
            return new Result(folder.toString(), null, null, false, "No final backup taken: system " + system.id()
                    + (system.runbook() == null ? " has no runbook in the inventory." : " has no production node."),
                    List.of());
        }
        boolean verified = backups.size() == expectedNodes && backups.stream().allMatch(NodeBackup::verified);
        long size = backups.stream().filter(b -> b.sizeBytes() != null).mapToLong(NodeBackup::sizeBytes).sum();
        List<String> failedFirst = backups.stream().sorted(java.util.Comparator.comparing(NodeBackup::verified))
                .map(NodeBackup::summary).toList();
        String perNode = failedFirst.size() <= 20 ? String.join(" | ", failedFirst)
                : String.join(" | ", failedFirst.subList(0, 20)) + " | … and " + (failedFirst.size() - 20) + " more";
        if (!verified) {
            List<String> failed = backups.stream().filter(b -> !b.verified()).map(NodeBackup::node).toList();
            String where = failed.isEmpty() ? (expectedNodes - backups.size()) + " node(s) without a backup"
                    : Summaries.list(failed, ", ");
            return new Result(folder.toString(), size, null, false, "Final backup FAILED on " + where
                    + ": the upgrade must not start. " + perNode, List.copyOf(backups));
        }
        String manifestSha;
        try {
            Files.createDirectories(folder);
            Path manifest = folder.resolve(MANIFEST);
            Files.writeString(manifest, backups.stream()
                    .map(b -> b.sha256() + "  " + Path.of(b.location()).getFileName()).collect(Collectors.joining("\n"))
                    + "\n", StandardCharsets.UTF_8);
            manifestSha = BackupReadiness.Checksum.of(manifest).sha256();
        } catch (IOException e) {
            return new Result(folder.toString(), size, null, false, "Final backup FAILED: the manifest "
                    + folder.resolve(MANIFEST) + " cannot be written: " + e.getMessage() + ". " + perNode,
                    List.copyOf(backups));
        }
        return new Result(folder.toString(), size, manifestSha, true, "Final backup of " + backups.size()
                + " production node(s) in " + folder + ", " + size + " bytes, manifest " + MANIFEST + " SHA-256 "
                + manifestSha + ". " + perNode, List.copyOf(backups));
    }

    private NodeBackup backUp(String upgradeId, String runId, InventorySystem system, Runbook runbook, Node node,
                              Path folder, String targetVersion) {
        Path location = SafePaths.under(folder, node.id() + ".tar.gz");
        ActionContext context = new ActionContext(upgradeId, system.id(), node.id(), node.host(), node.version(),
                targetVersion, location.toString(), null);
        String key = upgradeId + ":" + runId + ":final-backup:" + node.id() + ":";
        ActionResult backup = run(key + "backup", "backup", runbook.backup(), context);
        if (!backup.succeeded()) {
            return new NodeBackup(node.id(), location.toString(), null, null, false,
                    node.id() + ": backup failed: " + backup.summary());
        }
        BackupReadiness.Checksum written;
        try {
            written = BackupReadiness.Checksum.of(location);
        } catch (IOException e) {
            return new NodeBackup(node.id(), location.toString(), null, null, false, node.id()
                    + ": the backup reported success, but " + location + " cannot be read: " + e.getMessage());
        }
        if (written.size() == 0) {
            return new NodeBackup(node.id(), location.toString(), 0L, written.sha256(), false,
                    node.id() + ": the backup wrote an empty file " + location);
        }
        ActionResult verify = run(key + "verifyBackup", "verifyBackup", runbook.verifyBackup(), context);
        if (!verify.succeeded()) {
            return new NodeBackup(node.id(), location.toString(), written.size(), written.sha256(), false,
                    node.id() + ": the backup did not pass its check: " + verify.summary());
        }
        String after;
        try {
            after = BackupReadiness.Checksum.of(location).sha256();
        } catch (IOException e) {
            after = "unreadable: " + e.getMessage();
        }
        if (!after.equals(written.sha256())) {
            return new NodeBackup(node.id(), location.toString(), written.size(), written.sha256(), false,
                    node.id() + ": the backup changed while it was checked (SHA-256 now " + after + ")");
        }
        return new NodeBackup(node.id(), location.toString(), written.size(), written.sha256(), true,
                node.id() + " (" + node.site() + ", release " + node.version() + "): " + location.getFileName() + ", "
                        + written.size() + " bytes, SHA-256 " + written.sha256() + ", verified by the runbook");
    }

    private ActionResult run(String key, String name, Runbook.Step step, ActionContext context) {
        ActionResult result = runner.run(key, name, step.action(), context, null);
        // could not run at all (missing program, timeout): a technical failure for retries and an incident
        return result.outcome() == ActionOutcome.ERROR ? result.orThrow() : result;
    }
}
