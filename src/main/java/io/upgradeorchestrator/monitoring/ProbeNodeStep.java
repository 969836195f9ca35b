package io.upgradeorchestrator.monitoring;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.rollout.RolloutProperties;
import io.upgradeorchestrator.runbook.ProbeSampler;
import io.upgradeorchestrator.worker.InApplicationStepHandler;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * "Run probes on node" (topic {@code runbook.probe}): every monitoring probe of the runbook on one production node,
 * several samples each through the action layer, recorded as the node's measurements of the round (round key
 * {@code baseline} before the change). An unreachable service is a measurement (100 % errors), not a failure. It
 * writes the orchestrator's table itself, so it is an in-application step ({@link StepTopics#IN_APPLICATION}): only
 * the application's worker runs it.
 */
@Component
class ProbeNodeStep implements InApplicationStepHandler {

    private final InventoryService inventory;
    private final ProbeSampler sampler;
    private final ProbeMeasurements measurements;
    private final RolloutProperties rollout;
    private final MonitoringProperties monitoring;

    ProbeNodeStep(InventoryService inventory, ProbeSampler sampler, ProbeMeasurements measurements,
                  RolloutProperties rollout, MonitoringProperties monitoring) {
        this.inventory = inventory;
        this.sampler = sampler;
        this.measurements = measurements;
        this.rollout = rollout;
        this.monitoring = monitoring;
    }

    @Override
    public String topic() {
        return StepTopics.PROBE;
    }

    @Override
    public void handle(StepTask task) {
        String upgradeId = task.string(StepVariables.UPGRADE_ID);
        String nodeId = task.string(StepVariables.NODE);
        String roundKey = task.string(StepVariables.PROBE_ROUND_KEY);
        InventorySystem system = inventory.requireRecent(task.string(StepVariables.SYSTEM_ID));
        Node node = system.nodesIn(Environment.PRODUCTION).stream().filter(candidate -> candidate.id().equals(nodeId))
                .findFirst().orElseThrow(() -> new IllegalStateException("Node " + nodeId + " of " + upgradeId
                        + " is not a production node of " + system.id() + " in the inventory"));
        boolean baseline = ProbeMeasurements.BASELINE_ROUND.equals(roundKey);
        // the idempotency keys of the probes' runs as they were when one job measured every node
        String keyPrefix = baseline ? upgradeId + ":" + task.string(StepVariables.RUN_ID) + ":baseline:"
                : upgradeId + ":monitoring:" + roundKey + ":";
        ActionContext at = new ActionContext(upgradeId, system.id(), node.id(), node.host(), node.version(),
                (String) task.variables().get(StepVariables.TARGET_VERSION), null, null);
        List<ProbeMeasurements.Measurement> measured = new ArrayList<>();
        List<Runbook.MonitoringProbe> probes = system.runbook() == null ? List.of() : system.runbook().monitoringProbes();
        for (Runbook.MonitoringProbe probe : probes) {
            ProbeSampler.Sample sample = sampler.sample(keyPrefix + probe.name() + ":" + node.id() + ":",
                    baseline ? "probe" : "monitoring probe", probe, at,
                    baseline ? rollout.baselineSamples() : monitoring.probeSamples());
            measured.add(new ProbeMeasurements.Measurement(node.id(), probe.name(), sample.medianMillis(),
                    sample.errorRatePercent(), sample.samples()));
        }
        measurements.replace(upgradeId, roundKey, node.id(), measured);
    }
}
