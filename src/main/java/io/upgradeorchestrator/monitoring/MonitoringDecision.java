package io.upgradeorchestrator.monitoring;

/** What operations / the rollback decision owner decide about a breach or a user's report. */
public enum MonitoringDecision {
    /** Return to the old version: monitoring ends and the rollback runs. */
    ROLL_BACK,
    /** Keep the new version and repair it; monitoring continues. */
    FIX_FORWARD,
    /** Keep the new version as it is (a known limitation); monitoring continues. */
    ACCEPT
}
