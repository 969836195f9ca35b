package io.upgradeorchestrator.rollback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.rollout.NodeStatus;
import io.upgradeorchestrator.rollout.RolloutNodeResult;
import io.upgradeorchestrator.rollout.RolloutNodeResults;
import io.upgradeorchestrator.variables.Summaries;

/**
 * The rollback as the rollout plan sees it: which waves are rolled back in which order (latest first), which nodes of
 * a wave are rolled back, restored and verified (each a runbook step of its own, {@link NodeRollbackSteps}), and what
 * the rollback did, in words.
 */
@Service
public class NodeRollback {

    private final RolloutNodeResults results;

    NodeRollback(RolloutNodeResults results) {
        this.results = results;
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
}
