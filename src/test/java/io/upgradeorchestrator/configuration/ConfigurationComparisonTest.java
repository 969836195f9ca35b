package io.upgradeorchestrator.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Two readings of one item compared: unchanged, changed with a unified diff, missing, new, not compared. */
class ConfigurationComparisonTest {

    @Test
    void sameContentIsUnchanged() {
        ItemChange change = ConfigurationComparison.compare(captured(SnapshotPhase.BEFORE, "a=1\nb=2\n"),
                captured(SnapshotPhase.AFTER_CHANGE, "a=1\nb=2\n"));

        assertThat(change.status()).isEqualTo(ItemChange.Status.UNCHANGED);
        assertThat(change.differs()).isFalse();
        assertThat(change.diff()).isNull();
        assertThat(change.beforeSha256()).isEqualTo(change.afterSha256())
                .isEqualTo(ConfigurationCapture.sha256("a=1\nb=2\n"));
    }

    @Test
    void changedContentGetsAUnifiedDiffWithItsContext() {
        ItemChange change = ConfigurationComparison.compare(
                captured(SnapshotPhase.BEFORE, "node=fra-1\nrelease=8.2.0\nmax_connections=100\n"),
                captured(SnapshotPhase.AFTER_CHANGE, "node=fra-1\nrelease=8.2.1\nmax_connections=100\n"));

        assertThat(change.status()).isEqualTo(ItemChange.Status.CHANGED);
        assertThat(change.differs()).isTrue();
        assertThat(change.beforeSha256()).isNotEqualTo(change.afterSha256());
        assertThat(change.diff().lines().toList()).containsExactly(
                "--- Node settings on fra-1 (before the change)",
                "+++ Node settings on fra-1 (after the change)",
                "@@ -1,3 +1,3 @@",
                " node=fra-1",
                "-release=8.2.0",
                "+release=8.2.1",
                " max_connections=100");
        assertThat(change.detail())
                .isEqualTo("different content before the change and after the change: 1 line(s) removed, 1 added");
    }

    @Test
    void anItemGoneAfterwardsIsMissingAndOneThatAppearedIsNew() {
        ItemChange gone = ConfigurationComparison.compare(captured(SnapshotPhase.BEFORE, "15 2 * * * export\n"),
                missing(SnapshotPhase.AFTER_ROLLBACK));
        ItemChange appeared = ConfigurationComparison.compare(missing(SnapshotPhase.BEFORE),
                captured(SnapshotPhase.AFTER_ROLLBACK, "15 2 * * * export\n"));
        ItemChange neverThere = ConfigurationComparison.compare(missing(SnapshotPhase.BEFORE),
                missing(SnapshotPhase.AFTER_ROLLBACK));

        assertThat(gone.status()).isEqualTo(ItemChange.Status.MISSING);
        assertThat(gone.differs()).isTrue();
        assertThat(gone.detail()).contains("missing after the rollback: `read /x` on fra-1 found no such file");
        assertThat(appeared.status()).isEqualTo(ItemChange.Status.NEW);
        assertThat(appeared.differs()).isTrue();
        assertThat(neverThere.status()).isEqualTo(ItemChange.Status.MISSING);
        assertThat(neverThere.differs()).isFalse();
    }

    @Test
    void anItemNotReadAtOnePointIsNotCompared() {
        ItemChange notReadBefore = ConfigurationComparison.compare(null, captured(SnapshotPhase.AFTER_CHANGE, "x\n"));
        ItemChange notDeclared = ConfigurationComparison.compare(snapshot(SnapshotPhase.BEFORE,
                ConfigurationSnapshot.Status.NOT_DECLARED, null), captured(SnapshotPhase.AFTER_CHANGE, "x\n"));
        ItemChange unreadable = ConfigurationComparison.compare(captured(SnapshotPhase.BEFORE, "x\n"),
                snapshot(SnapshotPhase.AFTER_ROLLBACK, ConfigurationSnapshot.Status.UNREADABLE, null));

        assertThat(notReadBefore.status()).isEqualTo(ItemChange.Status.NOT_COMPARED);
        assertThat(notReadBefore.detail()).isEqualTo("not read before the change");
        assertThat(notDeclared.status()).isEqualTo(ItemChange.Status.NOT_COMPARED);
        assertThat(notDeclared.detail()).isEqualTo("not compared: the inventory does not say how to read it");
        assertThat(unreadable.status()).isEqualTo(ItemChange.Status.NOT_COMPARED);
        assertThat(unreadable.differs()).isFalse();
        assertThat(unreadable.detail()).startsWith("not compared: could not be read after the rollback: ");
    }

    static ConfigurationSnapshot captured(SnapshotPhase phase, String content) {
        return snapshot(phase, ConfigurationSnapshot.Status.CAPTURED, content);
    }

    static ConfigurationSnapshot missing(SnapshotPhase phase) {
        return snapshot(phase, ConfigurationSnapshot.Status.MISSING, null);
    }

    private static ConfigurationSnapshot snapshot(SnapshotPhase phase, ConfigurationSnapshot.Status status,
                                                  String content) {
        return new ConfigurationSnapshot("UPG-2030-0001", phase, "fra-1", 0, "Node settings", "settings", status,
                content, content == null ? null : ConfigurationCapture.sha256(content), 0,
                status == ConfigurationSnapshot.Status.MISSING ? "`read /x` on fra-1 found no such file" : "read",
                Instant.parse("2030-03-01T06:00:00Z"));
    }
}
