package io.upgradeorchestrator.rollback;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.action.ActionRun;
import io.upgradeorchestrator.action.ActionRunRepository;
import io.upgradeorchestrator.configuration.ConfigurationReader;
import io.upgradeorchestrator.configuration.ConfigurationSnapshot;
import io.upgradeorchestrator.configuration.SnapshotPhase;
import io.upgradeorchestrator.demotarget.DemoTarget;
import io.upgradeorchestrator.files.SafePaths;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.rollout.NodeContexts;
import io.upgradeorchestrator.rollout.NodeStatus;
import io.upgradeorchestrator.runbook.AcceptanceChecks;
import io.upgradeorchestrator.runbook.HealthAnswer;
import io.upgradeorchestrator.runbook.RunbookRunner;
import io.upgradeorchestrator.worker.NodeStepHandler;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepHandlerSet;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTopics;

/**
 * The three runbook steps of a node's rollback ("Roll back wave", node-rollbacks.bpmn): "Roll back node" (topic
 * {@code runbook.rollback}), "Restore node data" ({@code runbook.restore}) and "Verify old version on node"
 * ({@code runbook.verify}). Each performs on its node from the step's input and the worker's own inventory and returns
 * what it found; the orchestrator records it ({@link RecordRollbackStep}), so a remote worker runs them as well.
 *
 * <p>Nothing is hidden: any "no" or "could not run" throws {@link RollbackFailedException} with the node, what ran and
 * what came back, which becomes the incident's message; a rollback's "no" goes with its outcome ROLLBACK_FAILED.
 * Idempotency keys carry an attempt number that moves on only after a recorded "no" (in the worker's action journal),
 * so a retried step after a repair runs again, while a step that succeeded is never repeated by the same worker.
 */
@Component
@EnableConfigurationProperties(RollbackProperties.class)
class NodeRollbackSteps implements StepHandlerSet {

    static final String ROLLBACK = NodeStepHandler.stepOf(StepTopics.ROLLBACK);
    static final String RESTORE = NodeStepHandler.stepOf(StepTopics.RESTORE);
    static final String VERIFY = NodeStepHandler.stepOf(StepTopics.VERIFY_OLD_VERSION);
    /** The run of the configuration reading after a rollback, in its idempotency keys. */
    static final String CONFIGURATION_RUN = "rollback";

    private final InventoryService inventory;
    private final RunbookRunner runner;
    private final ActionRunRepository journal;
    private final DemoTarget demoTarget;
    private final RollbackProperties properties;
    private final ConfigurationReader configuration;

    NodeRollbackSteps(InventoryService inventory, RunbookRunner runner, ActionRunRepository journal,
                      DemoTarget demoTarget, RollbackProperties properties, ConfigurationReader configuration) {
        this.inventory = inventory;
        this.runner = runner;
        this.journal = journal;
        this.demoTarget = demoTarget;
        this.properties = properties;
        this.configuration = configuration;
    }

    @Override
    public List<StepHandler> stepHandlers() {
        return List.of(NodeStepHandler.of(StepTopics.ROLLBACK, inventory, this::rollBack),
                NodeStepHandler.of(StepTopics.RESTORE, inventory, this::restore),
                NodeStepHandler.of(StepTopics.VERIFY_OLD_VERSION, inventory, this::verifyOldVersion));
    }

    /**
     * Returns one node to its final backup with the runbook's rollback: ROLLED_BACK. A node the upgrade did not
     * change is left alone; a "no" is ROLLBACK_FAILED and thrown, so the step retries and then becomes an incident
     * naming the node, what ran and what came back.
     */
    StepOutcome rollBack(StepInput node, InventorySystem system) {
        NodeStatus status = NodeStatus.valueOf(node.nodeStatus());
        if (!status.touched()) {
            return StepOutcome.of(ROLLBACK, node.nodeId(), null, null);
        }
        if (node.backupLocation() == null) {
            throw new RollbackFailedException("Node " + node.nodeId() + " (" + status + ") cannot be rolled back: it"
                    + " has no final backup recorded in the rollout plan of " + node.upgradeId());
        }
        ActionResult rollback = runner.run(nextKey(node.upgradeId() + ":rollback:" + node.nodeId() + ":"),
                "rollback", runbook(system).rollback().action(), NodeContexts.of(node), null);
        if (!rollback.succeeded()) {
            throw new RollbackFailedException("Rollback of node " + node.nodeId() + " (" + status + ", release "
                    + node.fromVersion() + " → " + node.targetVersion() + ") FAILED; what ran and what came back: "
                    + rollback.summary(), StepOutcome.of(ROLLBACK, node.nodeId(), NodeStatus.ROLLBACK_FAILED.name(),
                    "rollback FAILED: " + rollback.summary()));
        }
        return StepOutcome.of(ROLLBACK, node.nodeId(), NodeStatus.ROLLED_BACK.name(),
                "rolled back (was " + status + "): " + rollback.summary());
    }

    /** Restores one node's final backup by the runbook's restore, then lets the runbook verify the restore. */
    StepOutcome restore(StepInput node, InventorySystem system) {
        Runbook runbook = runbook(system);
        Path directory = restoreDirectory(node.nodeId());
        ActionContext context = NodeContexts.of(node);
        String prefix = node.upgradeId() + ":restore:" + node.nodeId() + ":";
        StepOutcome outcome = StepOutcome.of(RESTORE, node.nodeId(), null, null);
        ActionResult restore = runner.run(nextKey(prefix + "restore:"), "restore", runbook.restore().action(),
                context, directory);
        if (!restore.succeeded()) {
            throw new RollbackFailedException("Restoring the final backup on " + node.nodeId() + " FAILED: "
                    + restore.summary(), outcome);
        }
        ActionResult verify = runner.run(nextKey(prefix + "verifyRestore:"), "verifyRestore",
                runbook.verifyRestore().action(), context, directory);
        if (!verify.succeeded()) {
            throw new RollbackFailedException("The restored data of " + node.nodeId() + " did not pass its check: "
                    + verify.summary(), outcome);
        }
        return outcome;
    }

    /**
     * One node must run its release before the upgrade again (health check) and pass the CORE acceptance checks;
     * anything else throws, naming the node and what came back. Then its configuration items are read again, to
     * compare them with before the change (read once the old version is proven back, so a retry after a repair reads
     * the repaired node).
     */
    StepOutcome verifyOldVersion(StepInput node, InventorySystem system) {
        Runbook runbook = runbook(system);
        ActionContext context = NodeContexts.of(node);
        String prefix = node.upgradeId() + ":verify-old:" + node.nodeId() + ":";
        StepOutcome outcome = StepOutcome.of(VERIFY, node.nodeId(), null, null);
        ActionResult health = runner.run(nextKey(prefix + "health:"), "healthCheck", runbook.healthCheck().action(),
                context, null);
        if (!HealthAnswer.runs(health, node.fromVersion())) {
            throw new RollbackFailedException("The old version is not back: " + node.nodeId() + " does not run release "
                    + node.fromVersion() + " again: " + health.summary(), outcome);
        }
        for (Runbook.AcceptanceCheck check : AcceptanceChecks.coreFirst(runbook)) {
            if (check.priority() != Runbook.Priority.CORE) {
                continue;
            }
            ActionResult result = runner.run(nextKey(prefix + "acceptance:" + check.name() + ":"),
                    "acceptance: " + check.name(), check.action(), context, null);
            if (!result.succeeded()) {
                throw new RollbackFailedException("The old version is not back: " + node.nodeId() + ": CORE check '"
                        + check.name() + "' FAILED on the old release: " + result.summary(), outcome);
            }
        }
        List<ConfigurationSnapshot> read = configuration.read(SnapshotPhase.AFTER_ROLLBACK, CONFIGURATION_RUN, system,
                context);
        return outcome.withConfiguration(read.stream().map(ConfigurationSnapshot::reading).toList());
    }

    /** The first key of {@code prefix + n} whose run did not answer "no": a retry after a "no" runs again. */
    String nextKey(String prefix) {
        for (int attempt = 1; ; attempt++) {
            Optional<ActionRun> run = journal.findByIdempotencyKey(prefix + attempt);
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
}
