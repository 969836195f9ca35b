package io.upgradeorchestrator.configuration;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

/**
 * What the upgrade did to the configuration, from the stored snapshots: per node and item its content before the
 * change, after it and after a rollback, each compared with before. An item that differs from before after a
 * rollback is drift, an issue found.
 */
@Service
public class ConfigurationReport {

    private final ConfigurationSnapshots snapshots;

    ConfigurationReport(ConfigurationSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /**
     * @param summary one paragraph a person reads first
     * @param items   every item of every node read during the upgrade, by node and inventory order
     * @param drift   items not as before the change after a rollback
     */
    public record Report(String summary, List<NodeItem> items, List<ConfigurationDrift> drift) {

        public boolean captured() {
            return !items.isEmpty();
        }

        /** One sentence on the configuration after a rollback, for the rollback's summary. */
        public String afterRollback() {
            List<NodeItem> compared = items.stream().filter(item -> item.sinceRollback() != null).toList();
            if (compared.isEmpty()) {
                return "Configuration after the rollback: no item read.";
            }
            return drift.isEmpty() ? "Configuration after the rollback: " + compared.size() + " item(s) read, each as"
                    + " before the change or not comparable (" + counts(compared.stream().map(NodeItem::sinceRollback)
                    .toList(), compared) + ")."
                    : "Configuration DRIFT after the rollback: " + drift.stream().map(ConfigurationDrift::describe)
                    .collect(Collectors.joining("; ")) + ".";
        }
    }

    /**
     * One item of one node.
     *
     * @param change        before → after the change; {@code null} when not read after the change
     * @param sinceRollback before → after the rollback; {@code null} when there was no rollback
     */
    public record NodeItem(String node, String item, String kind, Reading before, Reading afterChange,
                           Reading afterRollback, ItemChange change, ItemChange sinceRollback) {
    }

    /** What was read at one point (content masked by the action layer). */
    public record Reading(String status, String sha256, String capturedAt, String content, long omittedBytes,
                          String summary) {

        static Reading of(ConfigurationSnapshot snapshot) {
            return snapshot == null ? null : new Reading(snapshot.status().name(), snapshot.sha256(),
                    snapshot.capturedAt().toString(), snapshot.content(), snapshot.omittedBytes(), snapshot.summary());
        }
    }

    public Report forUpgrade(String upgradeId) {
        // node → item index → phase → snapshot
        Map<String, Map<Integer, Map<SnapshotPhase, ConfigurationSnapshot>>> byNode = new TreeMap<>();
        for (ConfigurationSnapshot snapshot : snapshots.findByUpgradeId(upgradeId)) {
            byNode.computeIfAbsent(snapshot.nodeId(), node -> new TreeMap<>())
                    .computeIfAbsent(snapshot.itemIndex(), index -> new EnumMap<>(SnapshotPhase.class))
                    .put(snapshot.phase(), snapshot);
        }
        List<NodeItem> items = new ArrayList<>();
        List<ConfigurationDrift> drift = new ArrayList<>();
        byNode.forEach((node, byItem) -> byItem.values().forEach(phases -> {
            ConfigurationSnapshot before = phases.get(SnapshotPhase.BEFORE);
            ConfigurationSnapshot afterChange = phases.get(SnapshotPhase.AFTER_CHANGE);
            ConfigurationSnapshot afterRollback = phases.get(SnapshotPhase.AFTER_ROLLBACK);
            ConfigurationSnapshot any = before != null ? before : afterChange != null ? afterChange : afterRollback;
            ItemChange change = afterChange == null ? null : ConfigurationComparison.compare(before, afterChange);
            ItemChange sinceRollback = afterRollback == null ? null
                    : ConfigurationComparison.compare(before, afterRollback);
            items.add(new NodeItem(node, any.itemName(), any.itemKind(), Reading.of(before), Reading.of(afterChange),
                    Reading.of(afterRollback), change, sinceRollback));
            if (sinceRollback != null && sinceRollback.differs()) {
                drift.add(new ConfigurationDrift(node, any.itemName(), sinceRollback.status(),
                        sinceRollback.beforeSha256(), sinceRollback.afterSha256(), sinceRollback.diff()));
            }
        }));
        return new Report(summary(items, drift, byNode.size()), List.copyOf(items), List.copyOf(drift));
    }

    private static String summary(List<NodeItem> items, List<ConfigurationDrift> drift, int nodes) {
        if (items.isEmpty()) {
            return "No configuration item was read: the inventory declares none, or the upgrade ended before its"
                    + " final backup.";
        }
        long readBefore = items.stream().filter(item -> item.before() != null
                && ConfigurationSnapshot.Status.CAPTURED.name().equals(item.before().status())).count();
        StringBuilder text = new StringBuilder(items.size() + " configuration item(s) on " + nodes + " node(s), "
                + readBefore + " read before the change.");
        List<NodeItem> afterChange = items.stream().filter(item -> item.change() != null).toList();
        if (!afterChange.isEmpty()) {
            text.append(" After the change: ").append(counts(afterChange.stream().map(NodeItem::change).toList(),
                    afterChange)).append('.');
        }
        List<NodeItem> afterRollback = items.stream().filter(item -> item.sinceRollback() != null).toList();
        if (!afterRollback.isEmpty()) {
            text.append(drift.isEmpty()
                    ? " After the rollback: every item read is as before the change ("
                    + counts(afterRollback.stream().map(NodeItem::sinceRollback).toList(), afterRollback) + ")."
                    : " After the rollback " + drift.size() + " item(s) are NOT as before the change: "
                    + drift.stream().map(d -> "'" + d.item() + "' on " + d.node() + " " + d.status().name()
                    .toLowerCase()).collect(Collectors.joining(", ")) + ".");
        }
        return text.toString();
    }

    /** "2 changed ('Node settings' on fra-1, …), 1 unchanged". */
    private static String counts(List<ItemChange> changes, List<NodeItem> items) {
        Map<ItemChange.Status, List<String>> byStatus = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            byStatus.computeIfAbsent(changes.get(i).status(), status -> new ArrayList<>())
                    .add("'" + items.get(i).item() + "' on " + items.get(i).node());
        }
        return byStatus.entrySet().stream().map(entry -> entry.getValue().size() + " " + entry.getKey().name()
                .toLowerCase().replace('_', ' ') + (entry.getKey() == ItemChange.Status.UNCHANGED ? ""
                : " (" + String.join(", ", entry.getValue()) + ")")).collect(Collectors.joining(", "));
    }
}
