package io.upgradeorchestrator.rollout;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.CANARY_NODES;
import static io.upgradeorchestrator.variables.UpgradeVariables.MAX_PARALLEL_NODES;
import static io.upgradeorchestrator.variables.UpgradeVariables.STAGED_ROLLOUT;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.variables.Summaries;

/** Marks the upgrade's start and plans the waves (canary first, drift and sites honoured) into the rollout table. */
@Component("planWaves")
class PlanWaves implements JavaDelegate {

    private final InventoryService inventory;
    private final RolloutService rollout;
    private final RolloutProperties properties;
    private final Clock clock;
    private final Baseline baseline;

    PlanWaves(InventoryService inventory, RolloutService rollout, RolloutProperties properties, Clock clock,
              Baseline baseline) {
        this.inventory = inventory;
        this.rollout = rollout;
        this.properties = properties;
        this.clock = clock;
        this.baseline = baseline;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UPGRADE_STARTED_AT.set(execution, Date.from(clock.instant()));
        ROLLOUT_RUN_ID.set(execution, execution.getProcessInstanceId());
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        List<WavePlanner.Wave> waves = rollout.plan(UPGRADE_ID.require(execution), system, TARGET_VERSION.require(execution),
                STAGED_ROLLOUT.get(execution, false), CANARY_NODES.get(execution, properties.canaryNodes()),
                MAX_PARALLEL_NODES.get(execution, properties.maxParallelNodes()));
        WAVES_TOTAL.set(execution, waves.size());
        // one batch: the baseline is measured on a few nodes only (none when the runbook has no probes)
        List<String> baselineNodes = baseline.nodesToMeasure(system, waves.stream()
                .flatMap(wave -> wave.nodes().stream()).toList()).stream().map(node -> node.id()).toList();
        BASELINE_BATCHES.set(execution, baselineNodes.isEmpty() ? List.of() : List.of(baselineNodes));
        NODE_BATCHES.set(execution, waves.stream().map(wave -> wave.nodes().stream().map(node -> node.id()).toList())
                .toList());
        PENDING_WAVES.set(execution, waves.stream().map(WavePlanner.Wave::number).toList());
        WAVE_TRIGGER.set(execution, null);
        WAVE_TRIGGER_DETAIL.set(execution, null);
        ROLLOUT_SUMMARY.set(execution, Summaries.fit(waves.size() + " wave(s) planned: " + Summaries.list(waves.stream()
                .map(wave -> (wave.canary() ? "canary " : "wave " + wave.number() + " ") + "("
                        + wave.nodes().size() + " node(s): " + abbreviate(wave) + ")").toList(), ", ")));
    }

    private static String abbreviate(WavePlanner.Wave wave) {
        List<String> ids = wave.nodes().stream().map(node -> node.id()).toList();
        return ids.size() <= 5 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 3)) + " … " + ids.get(ids.size() - 1);
    }
}
