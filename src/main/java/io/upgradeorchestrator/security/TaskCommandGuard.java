package io.upgradeorchestrator.security;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The rules of working on a task, checked inside the engine for every caller who is a person (Tasklist, both
 * REST APIs, Java with an authenticated user); the application's own code runs unauthenticated and is trusted.
 * <ul>
 *   <li>A task is completed with its form's own fields: a field the person may fill in is written; a field the
 *   form only shows (read-only) is not written back, whatever the client sent; any other variable is refused
 *   (403, naming it). So a candidate cannot rewrite the requester, a decision of another phase or a verified
 *   backup while completing their task. Setting task variables outside completion needs UPDATE_VARIABLE, which
 *   no role holds.</li>
 *   <li>User tasks end by completing them: throwing a BPMN error or escalation from a task is refused, since it
 *   would take a path of the diagram that no form offers (e.g. "Upgrade deferred").</li>
 *   <li>Processes start at their start event: starting at chosen activities would skip the request, its checks
 *   and its approvals.</li>
 * </ul>
 */
class TaskCommandGuard extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
        CommandContext context = Context.getCommandContext();
        Authentication caller = context == null ? null : context.getAuthentication();
        if (caller != null && caller.getUserId() != null) {
            check(command, context, caller.getUserId());
        }
        return next.execute(command);
    }

    private static void check(Command<?> command, CommandContext context, String user) {
        if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
            String field = command instanceof CompleteTaskCmd ? "variables" : "properties";
            Map<String, Object> variables = read(command, field);
            if (variables != null && !variables.isEmpty()) {
                Map<String, Object> written = formFieldsOnly(variables, read(command, "taskId"), context, user);
                if (written != variables) {
                    write(command, field, written);
                }
            }
        } else if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
            throw new AuthorizationException(user + " cannot throw a BPMN error or escalation from task "
                    + read(command, "taskId") + ": complete the task with its form instead");
        } else if (command instanceof StartProcessInstanceAtActivitiesCmd) {
            throw new AuthorizationException(user + " cannot start a process at chosen activities: upgrades start at"
                    + " their start event, so the request, its checks and its approvals always run");
        }
    }

    /** The variables to write: the form's editable fields; the same map when nothing is left out. */
    private static Map<String, Object> formFieldsOnly(Map<String, Object> variables, Object taskId,
                                                      CommandContext context, String user) {
        TaskEntity task = context.getTaskManager().findTaskById((String) taskId);
        if (task == null) {
            return variables; // the command itself answers "task not found"
        }
        TaskFormFields fields = TaskFormFields.of(task, context);
        Set<String> foreign = new TreeSet<>(variables.keySet());
        foreign.removeAll(fields.editable());
        foreign.removeAll(fields.shown());
        if (!foreign.isEmpty()) {
            throw new AuthorizationException(user + " may complete task '" + task.getName() + "' with its form's fields"
                    + " only (" + String.join(", ", new TreeSet<>(fields.editable())) + "); not accepted: "
                    + String.join(", ", foreign));
        }
        if (variables.keySet().stream().noneMatch(fields.shown()::contains)) {
            return variables;
        }
        VariableMap editable = Variables.createVariables();
        VariableMap typed = variables instanceof VariableMap map ? map : null;
        for (String name : variables.keySet()) {
            if (fields.editable().contains(name)) {
                editable.put(name, typed != null ? typed.getValueTyped(name) : variables.get(name));
            }
        }
        return editable;
    }

    private static void write(Object command, String name, Map<String, Object> value) {
        try {
            Field field = findField(command.getClass(), name);
            field.setAccessible(true);
            field.set(command, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot write " + name + " of " + command.getClass().getName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> V read(Object command, String name) {
        try {
            Field field = findField(command.getClass(), name);
            field.setAccessible(true);
            return (V) field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + name + " of " + command.getClass().getName(), e);
        }
    }

    /** The engine's commands keep their arguments in protected fields; pinned engine version, checked by tests. */
    private static Field findField(Class<?> type, String name) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            try {
                return current.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalStateException(type.getName() + " has no field " + name
                + ": the engine changed, review TaskCommandGuard");
    }
}
