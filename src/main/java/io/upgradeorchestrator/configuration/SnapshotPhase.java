package io.upgradeorchestrator.configuration;

/** When a node's configuration items are read during an upgrade. */
public enum SnapshotPhase {
    /** With the node's final backup, before anything changes. */
    BEFORE("before the change"),
    /** With the node's acceptance checks, after its upgrade. */
    AFTER_CHANGE("after the change"),
    /** Once the old version is verified back on every node after a rollback. */
    AFTER_ROLLBACK("after the rollback");

    private final String label;

    SnapshotPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
