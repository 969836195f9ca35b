package io.upgradeorchestrator.configuration;

import java.util.List;

import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.inventory.InventorySystem;

/**
 * "Configuration should be recorded before the upgrade": reads every configuration item of one node
 * ({@link ConfigurationReader}) and stores what was read, or stores what a step's worker read and carried back in its
 * outcome ({@link #record}).
 */
@Service
public class ConfigurationCapture {

    private final ConfigurationReader reader;
    private final ConfigurationSnapshots snapshots;

    ConfigurationCapture(ConfigurationReader reader, ConfigurationSnapshots snapshots) {
        this.reader = reader;
        this.snapshots = snapshots;
    }

    /**
     * Reads and stores every configuration item of {@code context}'s node.
     *
     * @param run distinguishes repeated captures of the same phase (a new rollout run after a re-planned window);
     *            a retry of the same capture passes the same value and is answered from the action record
     */
    public List<ConfigurationSnapshot> capture(SnapshotPhase phase, String run, InventorySystem system,
                                               ActionContext context) {
        List<ConfigurationSnapshot> captured = reader.read(phase, run, system, context);
        record(context.upgradeId(), phase, context.node(), captured);
        return captured;
    }

    static String sha256(String content) {
        return ConfigurationReader.sha256(content);
    }

    /** Stores a node's items of one phase as read, replacing what an earlier reading of the same phase stored. */
    public void record(String upgradeId, SnapshotPhase phase, String nodeId, List<ConfigurationSnapshot> read) {
        snapshots.replace(upgradeId, phase, nodeId, read);
    }
}
