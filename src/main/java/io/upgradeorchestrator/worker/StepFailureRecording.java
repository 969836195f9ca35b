package io.upgradeorchestrator.worker;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskFailureCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.variables.JsonText;

/**
 * Records the outcome a failure report carries ({@link StepFailedException}: a failed rollback is retried and then an
 * incident, yet the node is ROLLBACK_FAILED from its first "no") in the failure's transaction, through the
 * {@link FailedStepRecorder} of the step's topic: the record and the failure stand or fall together, for the
 * application's worker and a remote one alike. The outcome is not kept as a variable. A failure of a step whose topic
 * has no recorder may carry no outcome (400).
 */
@Component
class StepFailureRecording extends AbstractProcessEnginePlugin {

    private final ObjectProvider<FailedStepRecorder> recorders;

    StepFailureRecording(ObjectProvider<FailedStepRecorder> recorders) {
        this.recorders = recorders;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        interceptors.add(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                if (command instanceof HandleExternalTaskFailureCmd failure) {
                    record(failure);
                }
                return next.execute(command);
            }
        });
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }

    private void record(HandleExternalTaskFailureCmd failure) {
        Map<String, Object> local = read(failure, "localVariables");
        if (local == null || !local.containsKey(StepVariables.OUTCOME)) {
            return;
        }
        Object value = local.get(StepVariables.OUTCOME);
        String json = value instanceof TypedValue typed ? JsonText.of(typed) : value == null ? null : value.toString();
        Map<String, Object> rest = new HashMap<>(local);
        rest.remove(StepVariables.OUTCOME);
        write(failure, "localVariables", rest.isEmpty() ? null : rest);
        ExternalTaskEntity task = Context.getCommandContext().getExternalTaskManager()
                .findExternalTaskById(read(failure, "externalTaskId"));
        if (task == null || task.getExecution() == null) {
            return; // the command itself answers "not found"
        }
        String topic = StepTopics.plain(task.getTopicName());
        FailedStepRecorder recorder = recorders.orderedStream().filter(candidate -> candidate.topics().contains(topic))
                .findFirst().orElseThrow(() -> new BadUserRequestException("A failure of runbook step " + task.getId()
                        + " (topic " + topic + ") carries no " + StepVariables.OUTCOME + ": it has nothing to record"));
        StepOutcome outcome;
        try {
            outcome = StepOutcome.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new BadUserRequestException("The failure of runbook step " + task.getId() + ": " + e.getMessage());
        }
        recorder.recordFailure(task.getExecution(), outcome);
    }

    @SuppressWarnings("unchecked")
    private static <V> V read(Object command, String name) {
        try {
            Field field = field(command.getClass(), name);
            return (V) field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + name + " of " + command.getClass().getName(), e);
        }
    }

    private static void write(Object command, String name, Object value) {
        try {
            field(command.getClass(), name).set(command, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot write " + name + " of " + command.getClass().getName(), e);
        }
    }

    /** The engine's commands keep their arguments in protected fields; pinned engine version, checked by tests. */
    private static Field field(Class<?> type, String name) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            try {
                Field field = current.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalStateException(type.getName() + " has no field " + name
                + ": the engine changed, review StepFailureRecording");
    }
}
