package io.upgradeorchestrator.worker;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.variables.JsonText;

/**
 * The topic of a step, named in the diagrams as {@code ${stepRouting.topic('runbook.upgrade', execution)}}: the plain
 * topic, or the zone's topic ({@code runbook.upgrade.fra}) when the node's zone is served by remote workers
 * ({@code upgrade-orchestrator.worker.remote-zones}), so the application's own worker never takes it.
 */
@Component("stepRouting")
public class StepRouting {

    private final Set<String> remoteZones;

    StepRouting(WorkerProperties properties) {
        this.remoteZones = Set.copyOf(properties.remoteZones());
    }

    public String topic(String topic, DelegateExecution execution) {
        String input = JsonText.of(execution.getVariableLocalTyped(StepVariables.INPUT));
        if (input == null) {
            throw new IllegalStateException("Step " + execution.getCurrentActivityId() + " has no "
                    + StepVariables.INPUT + ": its diagram must prepare it (execution listener ${prepareNodeStep})");
        }
        String zone = StepInput.fromJson(input).zone();
        return zone != null && remoteZones.contains(zone) ? StepTopics.inZone(topic, zone) : topic;
    }
}
