package io.upgradeorchestrator.rollout;

/** Where one production node stands in an upgrade. */
public enum NodeStatus {
    /** In the plan, not touched yet. */
    PLANNED,
    /** The runbook's upgrade succeeded (and, once its wave's health gate ran, the node serves the target release). */
    UPGRADED,
    /** The runbook's upgrade answered "no": a business outcome, counted against the failure threshold. */
    FAILED,
    /** Upgraded, but the wave's health gate found it not serving the target release. */
    UNHEALTHY,
    /** Its upgrade step has started and not ended: the node may be half-changed, a rollback returns it. */
    UPGRADING,
    /**
     * Its upgrade was stopped while it ran (the wave stopped at a trigger, the upgrade was cancelled): the program
     * was killed part-way, so the node may differ from its final backup. A continued rollout upgrades it again.
     */
    CANCELLED,
    /** The runbook's rollback returned it to its final backup. */
    ROLLED_BACK,
    /** The runbook's rollback answered "no": the node needs a person (an incident says which and why). */
    ROLLBACK_FAILED;

    /** The node may differ from its final backup: a rollback must return it. */
    public boolean touched() {
        return this == UPGRADING || this == UPGRADED || this == FAILED || this == UNHEALTHY || this == CANCELLED
                || this == ROLLBACK_FAILED;
    }
}
