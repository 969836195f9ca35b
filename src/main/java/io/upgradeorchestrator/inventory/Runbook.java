package io.upgradeorchestrator.inventory;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.upgradeorchestrator.action.ActionSpec;
import io.upgradeorchestrator.action.HttpCheckSpec;
import io.upgradeorchestrator.action.LogScanSpec;

/**
 * How a system is backed up, restored, upgraded, rolled back and checked: the only source of what actions run
 * against it. Templates use the action layer's placeholders ({node}, {targetVersion}, {backupLocation} …), filled
 * per run from the upgrade, and the orchestrator's own values ({@code ${demoTargetRoot}}, {@code ${demoTargetUrl}},
 * {@code ${restoreDirectory}}, see {@link #SETTINGS}), filled when an action runs.
 *
 * <p>Contracts the orchestrator relies on: {@code backup} writes one file to {@code {backupLocation}};
 * {@code verifyBackup} checks that file; {@code restore} unpacks {@code {backupLocation}} into
 * {@code ${restoreDirectory}} and {@code verifyRestore} checks what is there; {@code upgrade} brings {@code {node}}
 * to {@code {targetVersion}}; {@code rollback} returns {@code {node}} to the state in {@code {backupLocation}};
 * {@code healthCheck} succeeds when the node serves and names the version it runs in its output.
 *
 * @param demoTarget true when the runbook acts on the local demo target (see {@code demotarget}), which the
 *                   application then provisions on start
 */
public record Runbook(
        boolean demoTarget,
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

    /** The orchestrator's values a template may use as {@code ${name}}; they are filled when the action runs. */
    public static final Set<String> SETTINGS = Set.of("demoTargetRoot", "demoTargetUrl", "restoreDirectory");

    /** The steps' YAML names, in the order a person reads them. */
    public static final List<String> STEP_NAMES = List.of("backup", "verifyBackup", "restore", "verifyRestore",
            "upgrade", "rollback", "healthCheck");

    /** The steps by their YAML names ({@link #STEP_NAMES}), in the order a person reads them. */
    public java.util.Map<String, Step> steps() {
        java.util.Map<String, Step> steps = new java.util.LinkedHashMap<>();
        List<Step> inOrder = java.util.Arrays.asList(backup, verifyBackup, restore, verifyRestore, upgrade, rollback,
                healthCheck);
        for (int i = 0; i < STEP_NAMES.size(); i++) {
            steps.put(STEP_NAMES.get(i), inOrder.get(i));
        }
        return steps;
    }

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
