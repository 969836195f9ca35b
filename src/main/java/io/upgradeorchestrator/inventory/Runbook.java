package io.upgradeorchestrator.inventory;

import java.time.Duration;
import java.util.List;

import io.upgradeorchestrator.action.ActionSpec;
import io.upgradeorchestrator.action.HttpCheckSpec;
import io.upgradeorchestrator.action.LogScanSpec;

/**
 * How a system is backed up, restored, upgraded, rolled back and checked: the only source of what actions run
 * against it. Templates use the action layer's placeholders ({node}, {targetVersion}, {backupLocation} …).
 */
public record Runbook(
        Step backup,
        Step verifyBackup,
        Step restore,
        Step verifyRestore,
        Step upgrade,
        Step rollback,
        Step healthCheck,
        List<AcceptanceCheck> acceptanceChecks,
        List<MonitoringProbe> monitoringProbes,
        List<LogSource> logSources,
        Estimates estimates) {

    /** One runbook action with how long it usually takes per node. */
    public record Step(ActionSpec action, Duration estimate) {
    }

    /** A check that the system does its job; CORE checks run first and a CORE failure triggers rollback. */
    public record AcceptanceCheck(String name, Priority priority, ActionSpec action) {
    }

    public enum Priority {
        CORE, STANDARD
    }

    /** A probe watched after release, compared with the baseline measured before the change. */
    public record MonitoringProbe(String name, HttpCheckSpec check, long maxLatencyMillis, double maxErrorRatePercent) {
    }

    /** A log reviewed after the change: patterns counted since the window's start. */
    public record LogSource(String name, LogScanSpec scan) {
    }

    /** The parts of a maintenance window that do not depend on a single step's estimate. */
    public record Estimates(Duration preparation, Duration verification, Duration repairBuffer,
                            Duration rollbackDecision) {
    }
}
