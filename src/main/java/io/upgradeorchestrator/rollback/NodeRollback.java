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
import io.upgradeorchestrator.variables.Summaries;
import io.upgradeorchestrator.runbook.AcceptanceChecks;
import io.upgradeorchestrator.runbook.HealthAnswer;
import io.upgradeorchestrator.runbook.RunbookRunner;
import io.upgradeorchestrator.files.SafePaths;

/**
 * Returns nodes to the state of their final backup with the runbook's rollback, restores data with its restore,
 * and proves the old version is back (health check names the old release, CORE checks pass): one node at a time,
 * each as its own runbook step ("Roll back wave", node-rollbacks.bpmn), the waves latest first.
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

    /** Every wave of the plan, latest first: the order in which waves are rolled back and verified. */
    public List<Integer> wavesLatestFirst(String upgradeId) {
        return results.findByUpgradeId(upgradeId).stream().map(RolloutNodeResult::wave).distinct()
                .sorted(Comparator.reverseOrder()).toList();
    }

    /** The nodes of one wave the upgrade changed and that are not rolled back yet, latest in the plan first. */
    public List<String> nodesToRollBack(String upgradeId, int wave) {
        return ofWave(upgradeId, wave).filter(node -> node.status().touched())
                .sorted(Comparator.comparingInt(RolloutNodeResult::planOrder).reversed())
                .map(RolloutNodeResult::nodeId).toList();
    }

    /** The nodes of one wave whose data the upgrade may have changed: every node it reached. */
    public List<String> nodesToRestore(String upgradeId, int wave) {
        return ofWave(upgradeId, wave).filter(node -> node.status() != NodeStatus.PLANNED)
                .map(RolloutNodeResult::nodeId).toList();
    }

    /** Every node of one wave: each must run its old release again. */
    public List<String> nodesToVerify(String upgradeId, int wave) {
        return ofWave(upgradeId, wave).map(RolloutNodeResult::nodeId).toList();
    }

    private java.util.stream.Stream<RolloutNodeResult> ofWave(String upgradeId, int wave) {
        return results.findByWave(upgradeId, wave).stream();
    }

    /**
     * Returns one node to its final backup with the runbook's rollback. A node already rolled back (a retry after a
     * lost report) is left alone; a "no" is recorded ROLLBACK_FAILED and thrown, so the step retries and then
     * becomes an incident naming the node, what ran and what came back.
     */
    public void rollBackNode(String upgradeId, InventorySystem system, String nodeId) {
        RolloutNodeResult node = node(upgradeId, nodeId);
        if (!node.status().touched()) {
            return;
        }
        if (node.backupLocation() == null) {
            throw new RollbackFailedException("Node " + nodeId + " (" + node.status() + ") cannot be rolled back: it"
                    + " has no final backup recorded in the rollout plan of " + upgradeId);
        }
        ActionResult rollback = runner.run(nextKey(upgradeId + ":rollback:" + nodeId + ":"), "rollback",
                runbook(system).rollback().action(), context(upgradeId, system, node), null);
        if (!rollback.succeeded()) {
            results.recordRollback(upgradeId, nodeId, NodeStatus.ROLLBACK_FAILED, clock.instant(),
                    "rollback FAILED: " + rollback.summary());
            throw new RollbackFailedException("Rollback of node " + nodeId + " (" + node.status() + ", release "
                    + node.fromVersion() + " → " + node.targetVersion() + ") FAILED; what ran and what came back: "
                    + rollback.summary());
        }
        results.recordRollback(upgradeId, nodeId, NodeStatus.ROLLED_BACK, clock.instant(),
                "rolled back (was " + node.status() + "): " + rollback.summary());
    }

    /** Restores one node's final backup by the runbook's restore, then lets the runbook verify the restore. */
    public void restoreNode(String upgradeId, InventorySystem system, String nodeId) {
        Runbook runbook = runbook(system);
        RolloutNodeResult node = node(upgradeId, nodeId);
        Path directory = restoreDirectory(nodeId);
        ActionContext context = context(upgradeId, system, node);
        String prefix = upgradeId + ":restore:" + nodeId + ":";
        ActionResult restore = runner.run(nextKey(prefix + "restore:"), "restore", runbook.restore().action(),
                context, directory);
        if (!restore.succeeded()) {
            throw new RollbackFailedException("Restoring the final backup on " + nodeId + " FAILED: "
                    + restore.summary());
        }
        ActionResult verify = runner.run(nextKey(prefix + "verifyRestore:"), "verifyRestore",
                runbook.verifyRestore().action(), context, directory);
        if (!verify.succeeded()) {
            throw new RollbackFailedException("The restored data of " + nodeId + " did not pass its check: "
                    + verify.summary());
        }
    }

    /**
     * One node must run its release before the upgrade again (health check) and pass the CORE acceptance checks;
     * anything else throws, naming the node and what came back.
     */
    public void verifyOldVersion(String upgradeId, InventorySystem system, String nodeId) {
        Runbook runbook = runbook(system);
        RolloutNodeResult node = node(upgradeId, nodeId);
        ActionContext context = context(upgradeId, system, node);
        String prefix = upgradeId + ":verify-old:" + nodeId + ":";
        ActionResult health = runner.run(nextKey(prefix + "health:"), "healthCheck", runbook.healthCheck().action(),
                context, null);
        if (!HealthAnswer.runs(health, node.fromVersion())) {
            throw new RollbackFailedException("The old version is not back: " + nodeId + " does not run release "
                    + node.fromVersion() + " again: " + health.summary());
        }
        for (Runbook.AcceptanceCheck check : AcceptanceChecks.coreFirst(runbook)) {
            if (check.priority() != Runbook.Priority.CORE) {
                continue;
            }
            ActionResult result = runner.run(nextKey(prefix + "acceptance:" + check.name() + ":"),
                    "acceptance: " + check.name(), check.action(), context, null);
            if (!result.succeeded()) {
                throw new RollbackFailedException("The old version is not back: " + nodeId + ": CORE check '"
                        + check.name() + "' FAILED on the old release: " + result.summary());
            }
        }
    }

    /**
     * What the rollback did, for people and the record: the nodes rolled back wave by wave (latest first), the data
     * restored, the old version verified.
     */
    public String summary(String upgradeId, boolean dataRestored) {
        List<RolloutNodeResult> nodes = results.findByUpgradeId(upgradeId);
        List<String> waves = new ArrayList<>();
        for (int wave : wavesLatestFirst(upgradeId)) {
            List<String> rolledBack = nodes.stream().filter(node -> node.wave() == wave)
                    .filter(node -> node.status() == NodeStatus.ROLLED_BACK)
                    .sorted(Comparator.comparing(RolloutNodeResult::rolledBackAt,
                            Comparator.nullsLast(Comparator.naturalOrder())))
                    .map(RolloutNodeResult::nodeId).toList();
            if (!rolledBack.isEmpty()) {
                waves.add("Wave " + wave + " rolled back: " + Summaries.list(rolledBack, ", "));
            }
        }
        long restored = nodes.stream().filter(node -> node.status() != NodeStatus.PLANNED).count();
        return (waves.isEmpty() ? "No node was changed: nothing to roll back." : String.join("; ", waves) + ".")
                + (dataRestored ? " Data restored on " + restored + " node(s) from their final backups and verified."
                        : "")
                + " Old version verified on " + nodes.size() + " node(s): each runs its release before the upgrade"
                + " again and passes the CORE checks.";
    }

    private RolloutNodeResult node(String upgradeId, String nodeId) {
        return results.find(upgradeId, nodeId).orElseThrow(() -> new RollbackFailedException("Node " + nodeId
                + " is not in the rollout plan of " + upgradeId));
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

    /** What the runbook's placeholders are filled from for one node of the plan. */
    ActionContext context(String upgradeId, InventorySystem system, String nodeId) {
        return context(upgradeId, system, node(upgradeId, nodeId));
    }

    private static ActionContext context(String upgradeId, InventorySystem system, RolloutNodeResult node) {
        return new ActionContext(upgradeId, system.id(), node.nodeId(), node.host(), node.fromVersion(),
                node.targetVersion(), node.backupLocation(), null);
    }
}
