package io.upgradeorchestrator.configuration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionOutcome;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.inventory.ConfigurationItem;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.runbook.RunbookRunner;

/**
 * Reads every configuration item of one node with the inventory's {@code read} action, through the action layer
 * (argument lists, timeouts, bounded output, secrets masked, each run recorded under an idempotency key), with its
 * SHA-256. It stores nothing: a worker, in the application or remote, reads; the orchestrator stores
 * ({@link ConfigurationCapture}).
 *
 * <p>A read that answers "no" is the item missing; one that could not run at all (timeout, missing program, I/O
 * error) is the item unreadable, with what ran and what came back: the backup, verification or rollback the reading
 * goes with is not held up by it.
 */
@Component
public class ConfigurationReader {

    private final RunbookRunner runner;
    private final Clock clock;

    ConfigurationReader(RunbookRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * Reads every configuration item of {@code context}'s node.
     *
     * @param run distinguishes repeated readings of the same phase (a new rollout run after a re-planned window);
     *            a retry of the same reading passes the same value and is answered from the action record
     */
    public List<ConfigurationSnapshot> read(SnapshotPhase phase, String run, InventorySystem system,
                                            ActionContext context) {
        List<ConfigurationSnapshot> read = new ArrayList<>();
        List<ConfigurationItem> items = system.configurationItems();
        for (int index = 0; index < items.size(); index++) {
            read.add(read(phase, run, system, context, index, items.get(index)));
        }
        return read;
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
