package io.upgradeorchestrator.configuration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionOutcome;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.inventory.ConfigurationItem;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.runbook.RunbookRunner;

/**
 * "Configuration should be recorded before the upgrade": reads every configuration item of one node with the
 * inventory's {@code read} action, through the action layer (argument lists, timeouts, bounded output, secrets
 * masked, each run recorded under an idempotency key), and stores it with its SHA-256.
 *
 * <p>A read that answers "no" records the item as missing; one that could not run at all (timeout, missing
 * program, I/O error) records it as unreadable, with what ran and what came back: the record says so, and the
 * backup, verification or rollback the capture goes with is not held up by it.
 */
@Service
public class ConfigurationCapture {

    private final RunbookRunner runner;
    private final ConfigurationSnapshots snapshots;
    private final Clock clock;

    ConfigurationCapture(RunbookRunner runner, ConfigurationSnapshots snapshots, Clock clock) {
        this.runner = runner;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /**
     * Reads and stores every configuration item of {@code context}'s node.
     *
     * @param run distinguishes repeated captures of the same phase (a new rollout run after a re-planned window);
     *            a retry of the same capture passes the same value and is answered from the action record
     */
    public List<ConfigurationSnapshot> capture(SnapshotPhase phase, String run, InventorySystem system,
                                               ActionContext context) {
        List<ConfigurationSnapshot> captured = new ArrayList<>();
        List<ConfigurationItem> items = system.configurationItems();
        for (int index = 0; index < items.size(); index++) {
            captured.add(read(phase, run, system, context, index, items.get(index)));
        }
        snapshots.replace(context.upgradeId(), phase, context.node(), captured);
        return captured;
    }

    private ConfigurationSnapshot read(SnapshotPhase phase, String run, InventorySystem system, ActionContext context,
                                       int index, ConfigurationItem item) {
        String upgradeId = context.upgradeId();
        if (item.read() == null) {
            return new ConfigurationSnapshot(upgradeId, phase, context.node(), index, item.name(), item.kind(),
                    ConfigurationSnapshot.Status.NOT_DECLARED, null, null, 0, "the inventory of " + system.id()
                    + " does not say how to read '" + item.name() + "' (configurationItems[" + index + "].read)",
                    clock.instant());
        }
        // the item's index, not its name, keeps the key short; the name is stored beside it
        String key = upgradeId + ":" + run + ":configuration:" + phase.name().toLowerCase() + ":" + context.node() + ":"
                + index;
        ActionResult result = runner.run(key, "configuration: " + item.name(), item.read(), context, null);
        if (!result.succeeded()) {
            return new ConfigurationSnapshot(upgradeId, phase, context.node(), index, item.name(), item.kind(),
                    result.outcome() == ActionOutcome.ERROR ? ConfigurationSnapshot.Status.UNREADABLE
                            : ConfigurationSnapshot.Status.MISSING, null, null, 0, result.summary(), clock.instant());
        }
        String content = result.output() == null ? "" : result.output();
        return new ConfigurationSnapshot(upgradeId, phase, context.node(), index, item.name(), item.kind(),
                ConfigurationSnapshot.Status.CAPTURED, content, sha256(content), result.omittedBytes(),
                result.summary(), clock.instant());
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
