package io.upgradeorchestrator.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

import io.upgradeorchestrator.variables.Var;

/**
 * The variables of one process instance, read typed through their {@link Var}: from the runtime while the
 * instance runs, from the history once it has ended. {@code ProcessVariables.of(engine, execution).get(WAVES_TOTAL)}.
 * {@link #of(ProcessEngine, Task)} reads them as a task sees them (its own and those of its scopes).
 */
public final class ProcessVariables {

    private final ProcessEngine engine;
    private final String instanceId;
    private final String taskId;

    private ProcessVariables(ProcessEngine engine, String instanceId, String taskId) {
        this.engine = engine;
        this.instanceId = instanceId;
        this.taskId = taskId;
    }

    public static ProcessVariables of(ProcessEngine engine, ProcessInstance instance) {
        return of(engine, instance.getId());
    }

    public static ProcessVariables of(ProcessEngine engine, String processInstanceId) {
        return new ProcessVariables(engine, processInstanceId, null);
    }

    public static ProcessVariables of(ProcessEngine engine, Task task) {
        return new ProcessVariables(engine, task.getProcessInstanceId(), task.getId());
    }

    /** The value, or {@code null} when the instance has no such variable. */
    public <T> T get(Var<T> variable) {
        if (taskId != null) {
            return variable.from(engine.getTaskService().getVariables(taskId, List.of(variable.name())));
        }
        boolean running = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId)
                .count() > 0;
        if (running) {
            return variable.from(engine.getRuntimeService().getVariables(instanceId, List.of(variable.name())));
        }
        HistoricVariableInstance ended = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instanceId).variableName(variable.name()).singleResult();
        Map<String, Object> values = new HashMap<>();
        values.put(variable.name(), ended == null ? null : ended.getValue());
        return variable.from(values);
    }
}
