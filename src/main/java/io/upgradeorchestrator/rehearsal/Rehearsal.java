package io.upgradeorchestrator.rehearsal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionOutcome;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.action.ActionSpec;
import io.upgradeorchestrator.files.BackupProperties;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.runbook.AcceptanceChecks;
import io.upgradeorchestrator.runbook.HealthAnswer;
import io.upgradeorchestrator.runbook.ProbeSampler;
import io.upgradeorchestrator.runbook.RunbookRunner;
import io.upgradeorchestrator.files.SafePaths;

/**
 * Runs the runbook on non-production nodes as it will run in the window: backup, upgrade, acceptance checks (core
 * first; a core failure stops the checks), performance probes compared with a production node measured in the same
 * run, rollback, and a health check that must show the old version again. Each step's time is recorded; the
 * rollback time feeds the maintenance window.
 *
 * <p>A step that answers "no" fails the rehearsal (a finding for the requester); backup, upgrade or rollback
 * commands that cannot run at all are technical failures (exception: retry, then incident). Health checks,
 * acceptance checks and probes that cannot reach the node count as failed: an unreachable service is an answer.
 */
@Service
@EnableConfigurationProperties(RehearsalProperties.class)
public class Rehearsal {

    private final RunbookRunner runner;
    private final ProbeSampler probes;
    private final RehearsalProperties properties;
    private final BackupProperties backups;

    Rehearsal(RunbookRunner runner, ProbeSampler probes, RehearsalProperties properties, BackupProperties backups) {
        this.runner = runner;
        this.probes = probes;
        this.properties = properties;
        this.backups = backups;
    }

    /**
     * @param runId identifies this rehearsal among all of the upgrade, stable across job retries
     */
    public RehearsalResult rehearse(String upgradeId, String runId, InventorySystem system, String targetVersion,
                                    boolean pilotRequired) {
        Environment environment = pilotRequired ? Environment.PILOT : Environment.TEST;
        List<Node> nodes = system.nodesIn(environment);
        Runbook runbook = system.runbook();
        if (runbook == null) {
            return notPossible("", "System " + system.id() + " has no runbook in the inventory: nothing to rehearse. "
                    + "Add a runbook, then re-plan.");
        }
        if (nodes.isEmpty()) {
            return notPossible("", "No " + environment + " node for " + system.id() + " in the inventory"
                    + (pilotRequired ? " (a pilot run is required because compatibility is uncertain)" : "")
                    + ": the upgrade cannot be rehearsed. Add a " + environment.name().toLowerCase()
                    + " node to the inventory, or re-plan.");
        }
        Node baseline = system.nodesIn(Environment.PRODUCTION).get(0);
        List<NodeRun> runs = new ArrayList<>();
        for (Node node : nodes) {
            runs.add(new NodeRun(upgradeId, runId, system, runbook, node, baseline, targetVersion).run());
        }
        boolean passed = runs.stream().allMatch(run -> run.passed);
        String nodeIds = nodes.stream().map(Node::id).collect(Collectors.joining(", "));
        Integer upgradeMinutes = runs.stream().map(run -> run.upgradeTime).filter(d -> d != null)
                .max(Comparator.naturalOrder()).map(Rehearsal::minutes).orElse(null);
        Integer rollbackMinutes = runs.stream().map(run -> run.rollbackTime).filter(d -> d != null)
                .max(Comparator.naturalOrder()).map(Rehearsal::minutes).orElse(null);
        String summary = (passed ? "Rehearsal PASSED" : "Rehearsal FAILED") + " on " + environment.name().toLowerCase()
                + " node(s) " + nodeIds + ": upgrade to " + targetVersion
                + (upgradeMinutes == null ? "" : " took " + upgradeMinutes + " min")
                + (rollbackMinutes == null ? "" : ", rollback took " + rollbackMinutes + " min") + ". "
                + runs.stream().map(run -> run.node.id() + ": " + String.join("; ", run.steps))
                .collect(Collectors.joining(" | "));
        return new RehearsalResult(nodeIds, passed, upgradeMinutes, rollbackMinutes,
                runs.stream().map(run -> run.node.id() + ": " + (run.acceptance.isEmpty() ? "not run"
                        : String.join("; ", run.acceptance))).collect(Collectors.joining(" | ")),
                runs.stream().map(run -> run.node.id() + ": " + (run.performance.isEmpty() ? "not measured"
                        : String.join("; ", run.performance))).collect(Collectors.joining(" | ")),
                summary);
    }

    private static RehearsalResult notPossible(String nodes, String reason) {
        return new RehearsalResult(nodes, false, null, null, "not run", "not measured", "Rehearsal FAILED: " + reason);
    }

    /** Minutes, rounded up, at least 1. */
    static int minutes(Duration duration) {
        long seconds = Math.max(1, duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0));
        return (int) Math.max(1, (seconds + 59) / 60);
    }

    /** Whether the health check's answer names {@code version} as a whole word (so 15.6 does not match 15.60). */
    static boolean names(ActionResult health, String version) {
        return HealthAnswer.names(health, version);
    }

    /** The rehearsal of one node, step by step. */
    private final class NodeRun {

        private final String upgradeId;
        private final String key;
        private final InventorySystem system;
        private final Runbook runbook;
        private final Node node;
        private final Node baseline;
        private final String targetVersion;
        private final ActionContext context;
        private final List<String> steps = new ArrayList<>();
        private final List<String> acceptance = new ArrayList<>();
        private final List<String> performance = new ArrayList<>();
        private boolean passed = true;
        private Duration upgradeTime;
        private Duration rollbackTime;

        NodeRun(String upgradeId, String runId, InventorySystem system, Runbook runbook, Node node, Node baseline,
                String targetVersion) {
            this.upgradeId = upgradeId;
            this.key = upgradeId + ":" + runId + ":rehearsal:" + node.id() + ":";
            this.system = system;
            this.runbook = runbook;
            this.node = node;
            this.baseline = baseline;
            this.targetVersion = targetVersion;
            Path backup = SafePaths.under(backups.directory(), upgradeId, runId, "rehearsal-" + node.id() + ".tar.gz");
            this.context = new ActionContext(upgradeId, system.id(), node.id(), node.host(), node.version(),
                    targetVersion, backup.toString(), null);
        }

        NodeRun run() {
            ActionResult before = check("health before", runbook.healthCheck().action(), context);
            if (!before.succeeded() || !names(before, node.version())) {
                return fail("before the upgrade the node does not report release " + node.version()
                        + " as the inventory says: " + before.summary());
            }
            ActionResult backup = effect("backup", runbook.backup());
            if (!backup.succeeded()) {
                return fail("backup failed: " + backup.summary());
            }
            steps.add("backup taken");
            ActionResult upgrade = effect("upgrade", runbook.upgrade());
            upgradeTime = upgrade.duration();
            if (!upgrade.succeeded()) {
                fail("upgrade failed: " + upgrade.summary());
            } else {
                steps.add("upgraded to " + targetVersion + " in " + seconds(upgrade.duration()));
                ActionResult after = check("health after upgrade", runbook.healthCheck().action(), context);
                if (!after.succeeded() || !names(after, targetVersion)) {
                    fail("after the upgrade the node does not report release " + targetVersion + ": "
                            + after.summary());
                } else if (acceptanceChecks()) {
                    probes();
                }
            }
            rollBack();
            return this;
        }

        /** Core checks first; a failed core check stops the checks. True when all passed. */
        private boolean acceptanceChecks() {
            List<Runbook.AcceptanceCheck> checks = AcceptanceChecks.coreFirst(runbook);
            boolean allPassed = true;
            for (Runbook.AcceptanceCheck check : checks) {
                ActionResult result = check("acceptance: " + check.name(), check.action(), context);
                if (result.succeeded()) {
                    acceptance.add(check.priority() + " " + check.name() + " passed");
                    continue;
                }
                allPassed = false;
                acceptance.add(check.priority() + " " + check.name() + " FAILED: " + result.summary());
                fail("acceptance check '" + check.name() + "' (" + check.priority() + ") failed");
                if (check.priority() == Runbook.Priority.CORE) {
                    acceptance.add("remaining checks not run after a core failure");
                    break;
                }
            }
            if (checks.isEmpty()) {
                acceptance.add("the runbook defines no acceptance checks");
            }
            return allPassed;
        }

        private void probes() {
            ActionContext baselineContext = new ActionContext(upgradeId, system.id(), baseline.id(), baseline.host(),
                    baseline.version(), targetVersion, null, null);
            for (Runbook.MonitoringProbe probe : runbook.monitoringProbes()) {
                ProbeSampler.Sample rehearsal = sample(probe, context);
                ProbeSampler.Sample production = sample(probe, baselineContext);
                long slowdown = rehearsal.medianMillis() - production.medianMillis();
                boolean tooSlow = rehearsal.medianMillis() > probe.maxLatencyMillis()
                        || slowdown > properties.slowdownToleranceMillis() && production.medianMillis() > 0
                        && slowdown * 100 > production.medianMillis() * properties.maxSlowdownPercent();
                boolean tooManyErrors = rehearsal.errorRatePercent() > probe.maxErrorRatePercent();
                String line = probe.name() + ": " + rehearsal.medianMillis() + " ms median, " + rehearsal.errorRatePercent()
                        + " % errors on " + node.id() + " vs. baseline " + production.medianMillis() + " ms, "
                        + production.errorRatePercent() + " % errors on " + baseline.id() + " (limits "
                        + probe.maxLatencyMillis() + " ms, " + probe.maxErrorRatePercent() + " %)";
                if (tooSlow || tooManyErrors) {
                    performance.add(line + " — FAILED" + (tooSlow ? ", too slow" : "") + (tooManyErrors
                            ? ", too many errors" : ""));
                    fail("performance probe '" + probe.name() + "' failed");
                } else {
                    performance.add(line + " — ok");
                }
            }
            if (runbook.monitoringProbes().isEmpty()) {
                performance.add("the runbook defines no monitoring probes");
            }
        }

        private ProbeSampler.Sample sample(Runbook.MonitoringProbe probe, ActionContext at) {
            return probes.sample(key + "probe:" + probe.name() + ":" + at.node() + ":", probe, at,
                    properties.probeSamples());
        }

        private void rollBack() {
            ActionResult rollback = effect("rollback", runbook.rollback());
            rollbackTime = rollback.duration();
            if (!rollback.succeeded()) {
                fail("rollback FAILED, the node is left as it is: " + rollback.summary());
                return;
            }
            ActionResult health = check("health after rollback", runbook.healthCheck().action(), context);
            if (!health.succeeded() || !names(health, node.version())) {
                fail("after the rollback the node does not report release " + node.version() + " again: "
                        + health.summary());
                return;
            }
            steps.add("rolled back to " + node.version() + " in " + seconds(rollback.duration())
                    + ", health check shows " + node.version() + " again");
        }

        /** A backup, upgrade or rollback: could-not-run is technical (exception), "no" is a finding. */
        private ActionResult effect(String name, Runbook.Step step) {
            ActionResult result = runner.run(key + name, name, step.action(), context, null);
            return result.outcome() == ActionOutcome.ERROR ? result.orThrow() : result;
        }

        private ActionResult check(String name, ActionSpec spec, ActionContext at) {
            return runner.run(key + name.replace(' ', '-'), name, spec, at, null);
        }

        private NodeRun fail(String what) {
            passed = false;
            steps.add(what);
            return this;
        }

        private static String seconds(Duration duration) {
            return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
    }

}
