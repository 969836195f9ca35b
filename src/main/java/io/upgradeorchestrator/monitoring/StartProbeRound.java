package io.upgradeorchestrator.monitoring;

import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.MAX_PARALLEL_NODES;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.rollout.RolloutProperties;

/**
 * "Start probe round": counts the round and gives it, in the round's own scope, its key and its batches of production
 * nodes. Runs in the timer's job, so two rounds due at once get different numbers (the counter's update conflicts
 * and one job is retried).
 */
@Component("startProbeRound")
class StartProbeRound implements JavaDelegate {

    private final InventoryService inventory;
    private final RolloutProperties rollout;

    StartProbeRound(InventoryService inventory, RolloutProperties rollout) {
        this.inventory = inventory;
        this.rollout = rollout;
    }

    @Override
    public void execute(DelegateExecution execution) {
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        if (system.runbook() == null) {
            throw new IllegalStateException("System " + system.id() + " has no runbook in the inventory: there are no"
                    + " monitoring probes to run. Add a runbook with monitoringProbes.");
        }
        int round = PROBE_ROUNDS.get(execution, 0) + 1;
        PROBE_ROUNDS.set(execution, round);
        PROBE_ROUND.setLocal(execution, round);
        PROBE_ROUND_KEY.setLocal(execution, execution.getProcessInstanceId() + ":" + round);
        // no probes, nothing to run on the nodes: the judge reports an empty round
        PROBE_BATCHES.setLocal(execution, system.runbook().monitoringProbes().isEmpty() ? List.of()
                : batches(system.nodesIn(Environment.PRODUCTION),
                Math.max(1, MAX_PARALLEL_NODES.get(execution, rollout.maxParallelNodes()))));
    }

    private static List<List<String>> batches(List<Node> nodes, int size) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < nodes.size(); from += size) {
            batches.add(nodes.subList(from, Math.min(from + size, nodes.size())).stream().map(Node::id).toList());
        }
        return batches;
    }
}
