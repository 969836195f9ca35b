package io.upgradeorchestrator.rollback;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.action.ActionRun;
import io.upgradeorchestrator.action.ActionRunRepository;
import io.upgradeorchestrator.demotarget.DemoTarget;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.rollout.NodeStatus;
import io.upgradeorchestrator.rollout.RolloutNodeResult;
import io.upgradeorchestrator.rollout.RolloutNodeResults;
import io.upgradeorchestrator.rollout.Summaries;
import io.upgradeorchestrator.runbook.AcceptanceChecks;
import io.upgradeorchestrator.runbook.HealthAnswer;
import io.upgradeorchestrator.runbook.RunbookRunner;
import io.upgradeorchestrator.files.SafePaths;

/**
 * Returns nodes to the state of their final backup with the runbook's rollback, restores data with its restore,
 * and proves the old version is back (health check names the old release, CORE checks pass). Shared by the rollback
 * inside "Carry out upgrade" (one wave per compensation) and by "Roll back upgrade" (all nodes).
 *
 * <p>Nothing is hidden: any "no" or "could not run" throws {@link RollbackFailedException} with the node, what ran
 * and what came back, which becomes the incident's message. Idempotency keys carry an attempt number that moves on
 * only after a recorded "no", so a retried job after a repair runs the step again, while a step that succeeded is
 * never repeated.
 */
@Service
@EnableConfigurationProperties(RollbackProperties.class)
public class NodeRollback {

    private final RolloutNodeResults results;
    private final RunbookRunner runner;
    private final ActionRunRepository actionRuns;
    private final DemoTarget demoTarget;
    private final RollbackProperties properties;
    private final Clock clock;

    NodeRollback(RolloutNodeResults results, RunbookRunner runner, ActionRunRepository actionRuns,
                 DemoTarget demoTarget, RollbackProperties properties, Clock clock) {
        this.results = results;
        this.runner = runner;
        this.actionRuns = actionRuns;
        this.demoTarget = demoTarget;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Rolls back the latest wave that still has changed nodes, its nodes in reverse plan order. Each compensation of a
     * completed wave calls this once, so the waves are undone latest first, whatever order the engine calls them in.
     *
     * @return what was done, or empty when no wave has changed nodes
     */
    public Optional<String> rollBackLatestWave(String upgradeId, InventorySystem system) {
        List<RolloutNodeResult> touched = touched(upgradeId);
        if (touched.stream().anyMatch(node -> node.status() == NodeStatus.ROLLBACK_FAILED)) {
            // a later wave could not be undone: undoing earlier waves now would break the reverse order
            return Optional.empty();
        }
        if (touched.isEmpty()) {
            return Optional.empty();
        }
        int wave = touched.stream().mapToInt(RolloutNodeResult::wave).max().orElseThrow();
        List<RolloutNodeResult> nodes = touched.stream().filter(node -> node.wave() == wave).toList();
        return Optional.of("Wave " + wave + " rolled back: " + rollBack(upgradeId, system, nodes));
    }

    /** Rolls back every node the upgrade changed and that is not rolled back yet, latest first. */
    public String rollBackAll(String upgradeId, InventorySystem system) {
        List<RolloutNodeResult> touched = touched(upgradeId);
        if (touched.isEmpty()) {
            return "No node left to roll back.";
        }
        return "Rolled back " + touched.size() + " node(s): " + rollBack(upgradeId, system, touched);
    }

    /** Restores the final backup on every node the upgrade changed, then lets the runbook verify the restore. */
    public String restoreData(String upgradeId, InventorySystem system) {
        Runbook runbook = runbook(system);
        List<String> done = new ArrayList<>();
        for (RolloutNodeResult node : changedNodes(upgradeId)) {
            Path directory = restoreDirectory(node.nodeId());
            ActionContext context = context(upgradeId, system, node);
            String prefix = upgradeId + ":restore:" + node.nodeId() + ":";
            ActionResult restore = runner.run(nextKey(prefix + "restore:"), "restore", runbook.restore().action(),
                    context, directory);
            if (!restore.succeeded()) {
                throw new RollbackFailedException("Restoring the final backup on " + node.nodeId() + " FAILED: "
                        + restore.summary());
            }
            ActionResult verify = runner.run(nextKey(prefix + "verifyRestore:"), "verifyRestore",
                    runbook.verifyRestore().action(), context, directory);
            if (!verify.succeeded()) {
                throw new RollbackFailedException("The restored data of " + node.nodeId() + " did not pass its check: "
                        + verify.summary());
            }
            done.add(node.nodeId() + " restored from " + node.backupLocation() + " (SHA-256 " + node.backupSha256()
                    + ") and verified");
        }
        return done.isEmpty() ? "No node changed: no data to restore." : "Data restored: " + Summaries.list(done, "; ");
    }

    /**
     * Every node of the plan must run its old release again (health check) and pass the CORE acceptance checks.
     * Checks everything, then throws one message that lists every node that is not back.
     */
    public String verifyOldVersion(String upgradeId, InventorySystem system) {
        Runbook runbook = runbook(system);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (RolloutNodeResult node : results.findByUpgradeId(upgradeId)) {
            checked++;
            ActionContext context = context(upgradeId, system, node);
            String prefix = upgradeId + ":verify-old:" + node.nodeId() + ":";
            ActionResult health = runner.run(nextKey(prefix + "health:"), "healthCheck", runbook.healthCheck().action(),
                    context, null);
            if (!HealthAnswer.runs(health, node.fromVersion())) {
                problems.add(node.nodeId() + " does not run release " + node.fromVersion() + " again: "
                        + health.summary());
                continue;
            }
            for (Runbook.AcceptanceCheck check : AcceptanceChecks.coreFirst(runbook)) {
                if (check.priority() != Runbook.Priority.CORE) {
                    continue;
                }
                ActionResult result = runner.run(nextKey(prefix + "acceptance:" + check.name() + ":"),
                        "acceptance: " + check.name(), check.action(), context, null);
                if (!result.succeeded()) {
                    problems.add(node.nodeId() + ": CORE check '" + check.name() + "' FAILED on the old release: "
                            + result.summary());
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RollbackFailedException("The old version is not back on " + problems.size() + " of " + checked
                    + " node(s): " + Summaries.fit(Summaries.list(problems, " | ")));
        }
        return "Old version verified on " + checked + " node(s): each runs its release before the upgrade again and"
                + " passes the CORE checks.";
    }

    private String rollBack(String upgradeId, InventorySystem system, List<RolloutNodeResult> nodes) {
        Runbook runbook = runbook(system);
        List<String> done = new ArrayList<>();
        for (RolloutNodeResult node : nodes.stream()
                .sorted(Comparator.comparingInt(RolloutNodeResult::planOrder).reversed()).toList()) {
            if (node.backupLocation() == null) {
                throw new RollbackFailedException("Node " + node.nodeId() + " (" + node.status() + ") cannot be rolled"
                        + " back: it has no final backup recorded in the rollout plan of " + upgradeId);
            }
            ActionResult rollback = runner.run(nextKey(upgradeId + ":rollback:" + node.nodeId() + ":"), "rollback",
                    runbook.rollback().action(), context(upgradeId, system, node), null);
            if (!rollback.succeeded()) {
                results.recordRollback(upgradeId, node.nodeId(), NodeStatus.ROLLBACK_FAILED, clock.instant(),
                        "rollback FAILED: " + rollback.summary());
                throw new RollbackFailedException("Rollback of node " + node.nodeId() + " (" + node.status()
                        + ", release " + node.fromVersion() + " → " + node.targetVersion() + ") FAILED; "
                        + (done.isEmpty() ? "" : "already rolled back: " + Summaries.list(done, ", ") + "; ")
                        + "what ran and what came back: " + rollback.summary());
            }
            results.recordRollback(upgradeId, node.nodeId(), NodeStatus.ROLLED_BACK, clock.instant(),
                    "rolled back (was " + node.status() + "): " + rollback.summary());
            done.add(node.nodeId());
        }
        return Summaries.list(done, ", ") + " (in this order)";
    }

    private List<RolloutNodeResult> touched(String upgradeId) {
        return results.findByUpgradeId(upgradeId).stream().filter(node -> node.status().touched()).toList();
    }

    private List<RolloutNodeResult> changedNodes(String upgradeId) {
        return results.findByUpgradeId(upgradeId).stream()
                .filter(node -> node.status() != NodeStatus.PLANNED).toList();
    }

    /** The first key of {@code prefix + n} whose run did not answer "no": a retry after a "no" runs again. */
    String nextKey(String prefix) {
        for (int attempt = 1; ; attempt++) {
            Optional<ActionRun> run = actionRuns.findByIdempotencyKey(prefix + attempt);
            if (run.isEmpty() || run.get().status() != ActionRun.Status.FAILED) {
                return prefix + attempt;
            }
        }
    }

    private Path restoreDirectory(String nodeId) {
        String directory = properties.restoreDirectory().replace("{demoTargetRoot}", demoTarget.root().toString())
                .replace("{node}", SafePaths.segment("node id", nodeId));
        return Path.of(directory).toAbsolutePath().normalize();
    }

    private static Runbook runbook(InventorySystem system) {
        if (system.runbook() == null) {
            throw new RollbackFailedException("System " + system.id() + " has no runbook in the inventory: nothing"
                    + " says how to roll it back");
        }
        return system.runbook();
    }

    private static ActionContext context(String upgradeId, InventorySystem system, RolloutNodeResult node) {
        return new ActionContext(upgradeId, system.id(), node.nodeId(), node.host(), node.fromVersion(),
                node.targetVersion(), node.backupLocation(), null);
    }
}
