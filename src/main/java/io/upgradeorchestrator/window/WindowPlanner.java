package io.upgradeorchestrator.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.upgradeorchestrator.inventory.Runbook;

/**
 * Computes how long a maintenance window must be: preparation + final backup + execution (one upgrade time per
 * wave) + verification + repair buffer + rollback decision + rollback. Each number comes from the runbook's
 * estimates, or from the rehearsal when it measured more (the rehearsal is what really happened), or from the
 * configured defaults when the runbook says nothing. Rollback is planned for all upgraded nodes at once: going
 * back is not staged.
 */
public class WindowPlanner {

    static final String DEFAULT = "default estimate, the runbook gives none";
    static final String RUNBOOK = "runbook estimate";

    private final WindowProperties.Defaults defaults;

    public WindowPlanner(WindowProperties.Defaults defaults) {
        this.defaults = defaults;
    }

    /**
     * @param runbook          the system's runbook, or {@code null} when it has none yet
     * @param rollout          waves of the production rollout
     * @param rehearsalUpgrade upgrade time per node measured in the rehearsal, or {@code null}
     * @param rehearsalRollback rollback time measured in the rehearsal, or {@code null}
     */
    public WindowPlan plan(Runbook runbook, Rollout rollout, Duration rehearsalUpgrade, Duration rehearsalRollback) {
        Runbook.Estimates estimates = runbook == null ? null : runbook.estimates();
        List<WindowPart> parts = new ArrayList<>();
        parts.add(fromRunbook("Preparation", estimates == null ? null : estimates.preparation(), defaults.preparation()));
        parts.add(finalBackup(runbook));

        Estimate perWave = measuredOrRunbook(step(runbook == null ? null : runbook.upgrade()), rehearsalUpgrade,
                defaults.upgradePerWave());
        int waves = rollout.waves();
        parts.add(new WindowPart("Execution", perWave.duration().multipliedBy(waves),
                rollout.describe() + "; " + waves + (waves == 1 ? " wave" : " waves") + " × "
                        + Durations.readable(perWave.duration()) + ", " + perWave.basis()));

        parts.add(fromRunbook("Verification", estimates == null ? null : estimates.verification(), defaults.verification()));
        parts.add(fromRunbook("Repair buffer", estimates == null ? null : estimates.repairBuffer(), defaults.repairBuffer()));
        parts.add(fromRunbook("Rollback decision", estimates == null ? null : estimates.rollbackDecision(),
                defaults.rollbackDecision()));

        Estimate rollback = measuredOrRunbook(step(runbook == null ? null : runbook.rollback()), rehearsalRollback,
                defaults.rollback());
        parts.add(new WindowPart("Rollback", rollback.duration(), "all nodes together; " + rollback.basis()));
        return new WindowPlan(parts, rollback.duration());
    }

    private WindowPart finalBackup(Runbook runbook) {
        Duration backup = step(runbook == null ? null : runbook.backup());
        if (backup == null) {
            return new WindowPart("Final backup", defaults.finalBackup(), DEFAULT);
        }
        Duration verify = step(runbook.verifyBackup());
        return verify == null
                ? new WindowPart("Final backup", backup, RUNBOOK)
                : new WindowPart("Final backup", backup.plus(verify), "runbook estimates: backup "
                + Durations.readable(backup) + " + verify " + Durations.readable(verify));
    }

    private static WindowPart fromRunbook(String name, Duration estimate, Duration fallback) {
        return estimate == null ? new WindowPart(name, fallback, DEFAULT) : new WindowPart(name, estimate, RUNBOOK);
    }

    /** The larger of what the runbook expects and what the rehearsal measured. */
    private static Estimate measuredOrRunbook(Duration runbook, Duration measured, Duration fallback) {
        Duration planned = runbook == null ? fallback : runbook;
        String plannedBasis = runbook == null ? DEFAULT : RUNBOOK;
        if (measured != null && measured.compareTo(planned) > 0) {
            return new Estimate(measured, "measured in the rehearsal; "
                    + (runbook == null ? "the default estimate" : "the runbook estimate") + " was "
                    + Durations.readable(planned));
        }
        if (measured != null) {
            return new Estimate(planned, plannedBasis + "; the rehearsal took " + Durations.readable(measured));
        }
        return new Estimate(planned, plannedBasis);
    }

    private static Duration step(Runbook.Step step) {
        return step == null ? null : step.estimate();
    }

    private record Estimate(Duration duration, String basis) {
    }
}
