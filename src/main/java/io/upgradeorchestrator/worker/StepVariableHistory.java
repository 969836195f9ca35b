package io.upgradeorchestrator.worker;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine from writing history for the bookkeeping variables of per-node work: the multi-instance counters
 * ({@code loopCounter}, {@code nrOf…Instances}), each node's element variable ({@code node}) and its step's input
 * ({@link StepVariables#INPUT}), wherever they are local to an execution below a process instance. A thousand nodes
 * meant some twenty thousand history rows (a variable instance and a detail row per value and change) that nobody
 * reads: what each node went through is in the orchestrator's own tables ({@code rollout_node_result},
 * {@code action_run}), and the engine keeps every other history (activities, external task logs, the upgrade's own
 * variables, operations) at the configured level. The same variable names on a process instance itself (a phase
 * started with {@code node}) keep their history.
 */
@Component
class StepVariableHistory extends AbstractProcessEnginePlugin {

    static final Set<String> NOT_KEPT = Set.of("loopCounter", "nrOfInstances", "nrOfActiveInstances",
            "nrOfCompletedInstances", StepVariables.NODE, StepVariables.INPUT);

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // the engine looks its handler up for every event, so wrapping it after init covers all of them
        configuration.setHistoryEventHandler(new Filter(configuration.getHistoryEventHandler()));
    }

    static boolean kept(HistoryEvent event) {
        return !(event instanceof HistoricVariableUpdateEventEntity variable)
                || !NOT_KEPT.contains(variable.getVariableName())
                || variable.getExecutionId() == null
                || variable.getExecutionId().equals(variable.getProcessInstanceId());
    }

    private record Filter(HistoryEventHandler next) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (kept(event)) {
                next.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            List<HistoryEvent> kept = events.stream().filter(StepVariableHistory::kept).toList();
            if (!kept.isEmpty()) {
                next.handleEvents(kept);
            }
        }
    }
}
