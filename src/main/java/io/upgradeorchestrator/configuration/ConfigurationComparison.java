package io.upgradeorchestrator.configuration;

import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/** Compares two snapshots of one configuration item of one node; the diff is a unified diff by java-diff-utils. */
final class ConfigurationComparison {

    /** Lines of context around each change: enough to see which section of a file changed. */
    private static final int CONTEXT_LINES = 2;

    private ConfigurationComparison() {
    }

    static ItemChange compare(ConfigurationSnapshot before, ConfigurationSnapshot after) {
        if (before == null || after == null) {
            return new ItemChange(ItemChange.Status.NOT_COMPARED, sha(before), sha(after), null,
                    "not read " + (before == null ? SnapshotPhase.BEFORE.label() : after(before).label()));
        }
        String between = before.phase().label() + " and " + after.phase().label();
        if (before.status() == ConfigurationSnapshot.Status.NOT_DECLARED
                || after.status() == ConfigurationSnapshot.Status.NOT_DECLARED) {
            return new ItemChange(ItemChange.Status.NOT_COMPARED, null, null, null,
                    "not compared: the inventory does not say how to read it");
        }
        for (ConfigurationSnapshot snapshot : List.of(before, after)) {
            if (snapshot.status() == ConfigurationSnapshot.Status.UNREADABLE) {
                return new ItemChange(ItemChange.Status.NOT_COMPARED, before.sha256(), after.sha256(), null,
                        "not compared: could not be read " + snapshot.phase().label() + ": " + snapshot.summary());
            }
        }
        if (before.captured() && after.captured()) {
            if (before.sha256().equals(after.sha256())) {
                return new ItemChange(ItemChange.Status.UNCHANGED, before.sha256(), after.sha256(), null,
                        "same content " + between + truncation(before, after));
            }
            String diff = diff(before, after);
            return new ItemChange(ItemChange.Status.CHANGED, before.sha256(), after.sha256(), diff,
                    "different content " + between + ": " + changedLines(diff) + truncation(before, after));
        }
        if (before.captured()) {
            return new ItemChange(ItemChange.Status.MISSING, before.sha256(), null, null,
                    "there " + before.phase().label() + ", missing " + after.phase().label() + ": " + after.summary());
        }
        if (after.captured()) {
            return new ItemChange(ItemChange.Status.NEW, null, after.sha256(), null,
                    "missing " + before.phase().label() + ", there " + after.phase().label());
        }
        return new ItemChange(ItemChange.Status.MISSING, null, null, null, "missing both " + between);
    }

    private static SnapshotPhase after(ConfigurationSnapshot before) {
        return before.phase() == SnapshotPhase.BEFORE ? SnapshotPhase.AFTER_CHANGE : before.phase();
    }

    private static String diff(ConfigurationSnapshot before, ConfigurationSnapshot after) {
        List<String> original = before.content().lines().toList();
        List<String> revised = after.content().lines().toList();
        Patch<String> patch = DiffUtils.diff(original, revised);
        String name = before.itemName() + " on " + before.nodeId();
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(name + " (" + before.phase().label() + ")",
                name + " (" + after.phase().label() + ")", original, patch, CONTEXT_LINES));
    }

    /** "1 line removed, 1 added", from the diff's own lines. */
    private static String changedLines(String diff) {
        long removed = diff.lines().filter(line -> line.startsWith("-") && !line.startsWith("---")).count();
        long added = diff.lines().filter(line -> line.startsWith("+") && !line.startsWith("+++")).count();
        return removed + " line(s) removed, " + added + " added";
    }

    private static String truncation(ConfigurationSnapshot before, ConfigurationSnapshot after) {
        return before.omittedBytes() > 0 || after.omittedBytes() > 0
                ? " (only the first part was kept and compared: the item is larger than the action layer's output bound)"
                : "";
    }

    private static String sha(ConfigurationSnapshot snapshot) {
        return snapshot == null ? null : snapshot.sha256();
    }
}
