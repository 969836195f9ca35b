package io.upgradeorchestrator.security;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExtendLockOnExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskFailureCmd;
import org.camunda.bpm.engine.impl.cmd.LockExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.externaltask.TopicFetchInstruction;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
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
 *   <li>A runbook step (external task) is completed with its outcome only, the local variable
 *   {@code stepOutcome} that the orchestrator checks and records; any other variable is refused (403, naming it),
 *   so a worker account cannot rewrite an upgrade's decisions through a completion. Steps end with an outcome or
 *   a failure, never with a BPMN error.</li>
 *   <li>A member of {@code step-workers} may use the external-task commands only (fetch and lock, complete,
 *   failure, extend lock, lock, unlock): its account is for a worker, not a person.</li>
 *   <li>A step's failure report carries at most its outcome (the local variable {@code stepOutcome}, which the
 *   orchestrator records with the failure, worker.StepFailureRecording); any other variable is refused (403).</li>
 * </ul>
 */
class TaskCommandGuard extends CommandInterceptor {

    private final StepWorkerScope stepWorkers;

    TaskCommandGuard(StepWorkerScope stepWorkers) {
        this.stepWorkers = stepWorkers;
    }

    /** The variable a step's completion may write (worker.StepVariables.OUTCOME). */
    static final String STEP_OUTCOME = "stepOutcome";
    private static final Set<Class<?>> STEP_WORKER_COMMANDS = Set.of(FetchExternalTasksCmd.class,
            CompleteExternalTaskCmd.class, HandleExternalTaskFailureCmd.class, ExtendLockOnExternalTaskCmd.class,
            LockExternalTaskCmd.class, UnlockExternalTaskCmd.class);
    /** Commands the engine runs inside a caller's command (listeners, delegates) are the engine's, not the caller's. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    @Override
    public <T> T execute(Command<T> command) {
        CommandContext context = Context.getCommandContext();
        Authentication caller = context == null ? null : context.getAuthentication();
        int[] depth = DEPTH.get();
        if (caller != null && caller.getUserId() != null) {
            if (depth[0] == 0 && caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.STEP_WORKERS)) {
                if (!STEP_WORKER_COMMANDS.contains(command.getClass())) {
                    throw new AuthorizationException(caller.getUserId() + " is a runbook-step worker account (group "
                            + Groups.STEP_WORKERS + "): it may fetch, complete, extend, unlock and report the failure"
                            + " of runbook steps only");
                }
                checkStepWorker(command, context, caller.getUserId());
            }
            check(command, context, caller.getUserId());
        }
        depth[0]++;
        try {
            return next.execute(command);
        } finally {
            depth[0]--;
        }
    }

    /** A worker account's external-task command: its zones' steps, under its own worker id, for a bounded time. */
    private void checkStepWorker(Command<?> command, CommandContext context, String user) {
        if (command instanceof FetchExternalTasksCmd) {
            stepWorkers.checkWorkerId(user, read(command, "workerId"));
            Map<String, TopicFetchInstruction> instructions = read(command, "fetchInstructions");
            for (TopicFetchInstruction instruction : instructions.values()) {
                stepWorkers.checkTopic(user, instruction.getTopicName());
                stepWorkers.checkLock(user, instruction.getLockDuration());
                stepWorkers.checkFetchedVariables(user, instruction.getVariablesToFetch(),
                        instruction.getFilterVariables() != null && !instruction.getFilterVariables().isEmpty());
            }
            return;
        }
        ExternalTaskEntity step = context.getExternalTaskManager().findExternalTaskById(read(command,
                "externalTaskId"));
        if (step == null) {
            return; // the command itself answers "not found"
        }
        stepWorkers.checkTopic(user, step.getTopicName());
        if (command instanceof UnlockExternalTaskCmd) {
            if (step.getWorkerId() != null && !StepWorkerScope.isOwn(user, step.getWorkerId())) {
                throw new AuthorizationException(user + " cannot unlock step " + step.getId()
                        + ": another worker holds it (" + step.getWorkerId() + ")");
            }
            return;
        }
        stepWorkers.checkWorkerId(user, read(command, "workerId"));
        if (command instanceof LockExternalTaskCmd) {
            stepWorkers.checkLock(user, TaskCommandGuard.<Long>read(command, "lockDuration"));
        } else if (command instanceof ExtendLockOnExternalTaskCmd) {
            stepWorkers.checkLock(user, TaskCommandGuard.<Long>read(command, "newLockTime"));
        } else if (command instanceof HandleExternalTaskFailureCmd) {
            stepWorkers.checkRetryTimeout(user, TaskCommandGuard.<Long>read(command, "retryDuration"));
        }
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
        } else if (command instanceof CompleteExternalTaskCmd || command instanceof HandleExternalTaskFailureCmd) {
            Map<String, Object> variables = read(command, "variables");
            Map<String, Object> local = read(command, "localVariables");
            Set<String> refused = new TreeSet<>();
            if (variables != null) {
                refused.addAll(variables.keySet());
            }
            if (local != null) {
                local.keySet().stream().filter(name -> !STEP_OUTCOME.equals(name)).forEach(refused::add);
            }
            if (!refused.isEmpty()) {
                throw new AuthorizationException(user + " may " + (command instanceof CompleteExternalTaskCmd
                        ? "complete a runbook step" : "report the failure of a runbook step")
                        + " only with its outcome (the local variable " + STEP_OUTCOME + "); not accepted: "
                        + String.join(", ", refused));
            }
        } else if (command instanceof HandleExternalTaskBpmnErrorCmd) {
            throw new AuthorizationException(user + " cannot throw a BPMN error from runbook step "
                    + read(command, "externalTaskId") + ": a step ends with its outcome or reports a failure");
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
