package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.Triggers.CANARY_FAILED;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.Triggers.FAILURE_THRESHOLD;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.Triggers.HEALTH_GATE;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionOutcome;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.backup.FinalBackup;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.runbook.HealthAnswer;
import io.upgradeorchestrator.runbook.RunbookRunner;
import io.upgradeorchestrator.variables.Summaries;

/**
 * The staged rollout of one upgrade: plans the waves into {@code rollout_node_result}, upgrades one node at a time
 * (each call independent of the others, so nodes of a wave run in parallel jobs) and judges each wave at its
 * health gate. Knows nothing of the process engine.
 */
@Service
@EnableConfigurationProperties(RolloutProperties.class)
public class RolloutService {

    private final RolloutNodeResults results;
    private final RunbookRunner runner;
    private final Clock clock;

    RolloutService(RolloutNodeResults results, RunbookRunner runner, Clock clock) {
        this.results = results;
        this.runner = runner;
        this.clock = clock;
    }

    /** Plans the waves of the system's production nodes and stores them as PLANNED; returns the waves. */
    public List<WavePlanner.Wave> plan(String upgradeId, InventorySystem system, String targetVersion, boolean staged,
                                       int canaryNodes, int maxParallelNodes) {
        List<WavePlanner.Wave> waves = WavePlanner.plan(system.nodesIn(Environment.PRODUCTION), staged, canaryNodes,
                maxParallelNodes);
        List<RolloutNodeResult> rows = new ArrayList<>();
        for (WavePlanner.Wave wave : waves) {
            for (Node node : wave.nodes()) {
                rows.add(new RolloutNodeResult(upgradeId, node.id(), wave.number(), wave.canary(), rows.size() + 1,
                        node.site(), node.host(), node.version(), targetVersion, null, null, null, NodeStatus.PLANNED,
                        null, null, null));
            }
        }
        results.replacePlan(upgradeId, rows);
        return waves;
    }

    /** The planned nodes in plan order, as inventory nodes (for the final backup and the baseline). */
    public List<Node> plannedNodes(String upgradeId, InventorySystem system) {
        Map<String, Node> byId = system.nodesIn(Environment.PRODUCTION).stream()
                .collect(Collectors.toMap(Node::id, node -> node));
        return results.findByUpgradeId(upgradeId).stream().map(row -> byId.get(row.nodeId()))
                .filter(node -> node != null).toList();
    }

    /**
     * Upgrades one node by the runbook. "No" is recorded as FAILED (a business outcome the health gate counts);
     * a step that could not run at all throws, so the job is retried and then becomes an incident.
     *
     * @param runId this execution of the upgrade, so a re-planned window upgrades again under new keys
     */
    public NodeStatus upgradeNode(String upgradeId, String runId, InventorySystem system, String nodeId) {
        RolloutNodeResult row = results.find(upgradeId, nodeId).orElseThrow(() -> new IllegalStateException(
                "Node " + nodeId + " is not in the rollout plan of " + upgradeId));
        if (row.status() != NodeStatus.PLANNED && row.status() != NodeStatus.CANCELLED
                && row.status() != NodeStatus.UPGRADING) {
            return row.status(); // a re-delivered step: this node is done
        }
        // from here on the node may change: a rollback decided meanwhile must cover it
        results.recordHealth(upgradeId, nodeId, NodeStatus.UPGRADING, "upgrade started");
        ActionResult upgrade = runner.run(upgradeId + ":" + runId + ":upgrade:" + nodeId, "upgrade",
                runbook(system).upgrade().action(), context(upgradeId, system, row), null);
        if (upgrade.outcome() == ActionOutcome.ERROR) {
            upgrade.orThrow();
        }
        NodeStatus status = upgrade.succeeded() ? NodeStatus.UPGRADED : NodeStatus.FAILED;
        results.recordUpgradeEnded(upgradeId, nodeId, status, clock.instant(), (status == NodeStatus.UPGRADED
                ? "upgraded from " + row.fromVersion() + " to " + row.targetVersion() + ": "
                : "upgrade FAILED: ") + upgrade.summary());
        return status;
    }

    /**
     * The health check of one node of a wave, as a step of its own so a wave's nodes are checked at once: a node
     * that was upgraded must answer with the target release, else it is recorded UNHEALTHY. The wave's gate
     * ({@link #checkWave}) then finds each answer in the action record under the same key.
     */
    public void checkNodeHealth(String upgradeId, String runId, InventorySystem system, String nodeId) {
        RolloutNodeResult node = results.find(upgradeId, nodeId).orElseThrow(() -> new IllegalStateException(
                "Node " + nodeId + " is not in the rollout plan of " + upgradeId));
        if (node.status() != NodeStatus.UPGRADED) {
            return; // failed, cancelled or already judged: nothing to check
        }
        ActionResult health = runner.run(healthKey(upgradeId, runId, nodeId), "healthCheck",
                runbook(system).healthCheck().action(), context(upgradeId, system, node), null);
        if (!HealthAnswer.runs(health, node.targetVersion())) {
            results.recordHealth(upgradeId, nodeId, NodeStatus.UNHEALTHY,
                    "health check does not show release " + node.targetVersion() + ": " + health.summary());
        }
    }

    /** Records a node whose upgrade was stopped while it ran: it may be half-changed, so a rollback returns it. */
    public void recordCancelled(String upgradeId, String nodeId, String reason) {
        results.recordUpgradeEnded(upgradeId, nodeId, NodeStatus.CANCELLED, clock.instant(),
                "upgrade CANCELLED while it ran: " + reason);
    }

    /** One node's final backup, as its own step found it. */
    public void recordNodeBackup(String upgradeId, FinalBackup.NodeBackup backup) {
        results.recordNodeBackup(upgradeId, backup);
    }

    /** The node backups the backup steps recorded, in plan order. */
    public List<FinalBackup.NodeBackup> nodeBackups(String upgradeId) {
        return results.nodeBackups(upgradeId);
    }


    /**
     * Whether a wave must stop before its remaining nodes end: in the canary wave at the first failed node, later
     * when failed upgrades reach the threshold. The nodes still running are then stopped (their steps cancelled).
     */
    public boolean waveMustStop(String upgradeId, int wave, int failureThreshold) {
        int failedInRollout = results.countWithStatus(upgradeId, NodeStatus.FAILED);
        if (failedInRollout == 0) {
            return false;
        }
        boolean canary = results.findByWave(upgradeId, wave).stream()
                .anyMatch(node -> node.canary() && node.status() == NodeStatus.FAILED);
        return canary || failedInRollout >= Math.max(1, failureThreshold);
    }

    static String healthKey(String upgradeId, String runId, String nodeId) {
        return upgradeId + ":" + runId + ":health-gate:" + nodeId;
    }

    /**
     * The wave's health gate: every node of the wave that was upgraded must answer the runbook's health check with
     * the target release. In the canary wave any failure is a trigger; later, a node that fails its health check is
     * a HEALTH_GATE trigger, and failed upgrades that reach the failure threshold (counted over the whole rollout)
     * are a FAILURE_THRESHOLD trigger.
     */
    public HealthGate checkWave(String upgradeId, String runId, InventorySystem system, int wave, int failureThreshold) {
        List<RolloutNodeResult> nodes = results.findByWave(upgradeId, wave);
        boolean canary = nodes.stream().anyMatch(RolloutNodeResult::canary);
        List<String> problems = new ArrayList<>();
        int healthy = 0;
        int unhealthy = 0;
        int failed = 0;
        for (RolloutNodeResult node : nodes) {
            if (node.status() == NodeStatus.FAILED) {
                failed++;
                problems.add(node.nodeId() + ": " + node.summary());
                continue;
            }
            if (node.status() == NodeStatus.UNHEALTHY) {
                unhealthy++; // judged by the node's own health step
                problems.add(node.nodeId() + ": " + node.summary());
                continue;
            }
            if (node.status() == NodeStatus.CANCELLED || node.status() == NodeStatus.UPGRADING) {
                problems.add(node.nodeId() + ": " + node.summary()); // stopped with its wave
                continue;
            }
            if (node.status() != NodeStatus.UPGRADED) {
                continue;
            }
            ActionResult health = runner.run(healthKey(upgradeId, runId, node.nodeId()), "healthCheck",
                    runbook(system).healthCheck().action(), context(upgradeId, system, node), null);
            if (HealthAnswer.runs(health, node.targetVersion())) {
                healthy++;
            } else {
                unhealthy++;
                String problem = "health check does not show release " + node.targetVersion() + ": " + health.summary();
                results.recordHealth(upgradeId, node.nodeId(), NodeStatus.UNHEALTHY, problem);
                problems.add(node.nodeId() + ": " + problem);
            }
        }
        int failedInRollout = results.countByStatus(upgradeId).getOrDefault(NodeStatus.FAILED, 0);
        int threshold = Math.max(1, failureThreshold);
        String trigger = canary && (failed + unhealthy) > 0 ? CANARY_FAILED
                : unhealthy > 0 ? HEALTH_GATE
                : failed > 0 && failedInRollout >= threshold ? FAILURE_THRESHOLD
                : null;
        String detail = (canary ? "Canary wave " : "Wave ") + wave + ": " + healthy + " of " + nodes.size()
                + " node(s) healthy on the target release, " + failed + " upgrade(s) failed, " + unhealthy
                + " node(s) failed the health check; " + failedInRollout + " failed upgrade(s) in the rollout"
                + " (threshold " + threshold + ")." + (problems.isEmpty() ? "" : " " + Summaries.list(problems, " | "));
        return new HealthGate(wave, healthy, unhealthy, failed, failedInRollout, trigger, detail);
    }

    /** Counts and a one-line summary of the rollout so far. */
    public Progress progress(String upgradeId) {
        Map<NodeStatus, Integer> counts = results.countByStatus(upgradeId);
        int upgraded = counts.getOrDefault(NodeStatus.UPGRADED, 0);
        int failed = counts.getOrDefault(NodeStatus.FAILED, 0) + counts.getOrDefault(NodeStatus.UNHEALTHY, 0);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        String summary = counts.entrySet().stream().map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", ")) + " of " + total + " production node(s)";
        return new Progress(upgraded, failed, total, summary);
    }

    public record Progress(int upgraded, int failed, int total, String summary) {
    }

    private static Runbook runbook(InventorySystem system) {
        if (system.runbook() == null) {
            throw new IllegalStateException("System " + system.id() + " has no runbook in the inventory");
        }
        return system.runbook();
    }

    static ActionContext context(String upgradeId, InventorySystem system, RolloutNodeResult node) {
        return new ActionContext(upgradeId, system.id(), node.nodeId(), node.host(), node.fromVersion(),
                node.targetVersion(), node.backupLocation(), null);
    }
}
