package io.upgradeorchestrator.monitoring;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.probes.ProbeMeasurements;
import io.upgradeorchestrator.rollout.RolloutProperties;
import io.upgradeorchestrator.runbook.ProbeSampler;
import io.upgradeorchestrator.worker.NodeStepHandler;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * "Run probes on node" (topic {@code runbook.probe}): every monitoring probe of the runbook on one production node,
 * several samples each through the action layer, returned as the node's measurements of the round (round key
 * {@code baseline} before the change), which the orchestrator records ({@link RecordProbeStep}). An unreachable
 * service is a measurement (100 % errors), not a failure.
 */
@Component
class ProbeNodeStep extends NodeStepHandler {

    static final String STEP = NodeStepHandler.stepOf(StepTopics.PROBE);

    private final ProbeSampler sampler;
    private final RolloutProperties rollout;
    private final MonitoringProperties monitoring;

    ProbeNodeStep(InventoryService inventory, ProbeSampler sampler, RolloutProperties rollout,
                  MonitoringProperties monitoring) {
        super(StepTopics.PROBE, inventory);
        this.sampler = sampler;
        this.rollout = rollout;
        this.monitoring = monitoring;
    }

    @Override
    protected StepOutcome perform(StepTask task, StepInput node, InventorySystem system) {
        String roundKey = node.probeRoundKey();
        if (roundKey == null) {
            throw new IllegalStateException("Probe step of node " + node.nodeId() + " of " + node.upgradeId()
                    + " names no round of probes");
        }
        if (system.nodesIn(Environment.PRODUCTION).stream()
                .noneMatch(candidate -> candidate.id().equals(node.nodeId()))) {
            throw new IllegalStateException("Node " + node.nodeId() + " of " + node.upgradeId()
                    + " is not a production node of " + system.id() + " in this worker's inventory");
        }
        boolean baseline = ProbeMeasurements.BASELINE_ROUND.equals(roundKey);
        String keyPrefix = RecordProbeStep.keyPrefix(node.upgradeId(), node.runId(), roundKey);
        ActionContext at = new ActionContext(node.upgradeId(), system.id(), node.nodeId(), node.host(),
                node.fromVersion(), node.targetVersion(), null, null);
        List<StepOutcome.Measurement> measured = new ArrayList<>();
        List<Runbook.MonitoringProbe> probes = system.runbook() == null ? List.of()
                : system.runbook().monitoringProbes();
        for (Runbook.MonitoringProbe probe : probes) {
            ProbeSampler.Sample sample = sampler.sample(keyPrefix + probe.name() + ":" + node.nodeId() + ":",
                    baseline ? "probe" : "monitoring probe", probe, at,
                    baseline ? rollout.baselineSamples() : monitoring.probeSamples());
            measured.add(new StepOutcome.Measurement(probe.name(), sample.medianMillis(), sample.errorRatePercent(),
                    sample.samples()));
        }
        return StepOutcome.of(STEP, node.nodeId(), null, null).withMeasurements(measured);
    }
}
