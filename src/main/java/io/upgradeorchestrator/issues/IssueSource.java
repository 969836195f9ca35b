package io.upgradeorchestrator.issues;

/** Where an issue of an upgrade was found. */
public enum IssueSource {
    /** A node's upgrade, health check or rollback step answered "no" (a failed or unhealthy node). */
    FAILED_NODE,
    /** A gate or a check failed: a backup, a rehearsal step, an acceptance check, a log review, a baseline probe. */
    FAILED_CHECK,
    /** The condition that asked for the rollback decision (canary failed, health gate, failed checks…). */
    ROLLBACK_TRIGGER,
    /** A node's configuration differs from what was recorded before the change. */
    CONFIGURATION_DRIFT,
    /** A monitoring probe breached its limits against the baseline. */
    MONITORING_BREACH,
    /** A user reported a problem during monitoring. */
    USER_REPORT
}
