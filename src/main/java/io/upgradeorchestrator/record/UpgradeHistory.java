package io.upgradeorchestrator.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.identity.Requesters;
import io.upgradeorchestrator.rollout.RollbackDecisionProcess;
import io.upgradeorchestrator.upgrade.SystemUpgradeProcess;

/**
 * What the engine's history knows of an upgrade that its variables do not: every act of a person (the request,
 * each completed task with who completed it, each operator action from the user operation log) and when the
 * latest rollback decision started. Reads the whole tree of process instances the upgrade's main process started.
 */
@Service
public class UpgradeHistory {

    /** Task operations that are the task acts themselves, or a person taking their own task. */
    private static final Set<String> TASK_SELF_OPERATIONS = Set.of(UserOperationLogEntry.OPERATION_TYPE_COMPLETE,
            UserOperationLogEntry.OPERATION_TYPE_CLAIM, UserOperationLogEntry.OPERATION_TYPE_CREATE);
    /** The request is its own act; a message correlated by the API is the user's report, recorded as an issue. */
    private static final Set<String> COVERED_ELSEWHERE = Set.of(UserOperationLogEntry.OPERATION_TYPE_CREATE,
            UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE);

    private final HistoryService history;
    private final Requesters requesters;

    UpgradeHistory(HistoryService history, Requesters requesters) {
        this.history = history;
        this.requesters = requesters;
    }

    /** The tree's facts: the persons' acts, oldest first, and when the latest rollback decision started. */
    public record Facts(List<PersonAct> acts, Instant rollbackTriggeredAt) {
    }

    /** The facts of the upgrade that {@code processInstanceId} (the main process or any phase) belongs to. */
    public Facts of(String processInstanceId, String upgradeId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            return new Facts(List.of(), null);
        }
        String rootId = instance.getRootProcessInstanceId() == null ? instance.getId()
                : instance.getRootProcessInstanceId();
        List<HistoricProcessInstance> tree = history.createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(rootId).list();
        List<PersonAct> acts = new ArrayList<>();
        tree.stream().filter(p -> p.getId().equals(rootId)).findFirst().ifPresent(root -> requested(root, upgradeId, acts));
        tasks(rootId, acts);
        operations(tree, acts);
        acts.sort(Comparator.comparing(PersonAct::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        Instant triggeredAt = tree.stream().filter(p -> RollbackDecisionProcess.KEY.equals(p.getProcessDefinitionKey()))
                .map(HistoricProcessInstance::getStartTime).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .map(Date::toInstant).orElse(null);
        return new Facts(acts, triggeredAt);
    }

    /** The requester as the server recorded them; the request's time only when this is the main process. */
    private void requested(HistoricProcessInstance root, String upgradeId, List<PersonAct> acts) {
        String requester = upgradeId == null ? null : requesters.requesterOf(upgradeId).orElse(null);
        if (requester != null) {
            boolean main = SystemUpgradeProcess.KEY.equals(root.getProcessDefinitionKey());
            acts.add(new PersonAct(main ? root.getStartTime().toInstant() : null, requester, PersonAct.Act.REQUESTED,
                    "requested upgrade " + upgradeId, main ? root.getId() : null));
        }
    }

    /** Every completed user task with who completed it: the assignee, else the user the operation log names. */
    private void tasks(String rootId, List<PersonAct> acts) {
        for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().rootProcessInstanceId(rootId)
                .finished().list()) {
            if (!"completed".equals(task.getDeleteReason())) {
                continue; // cancelled with its scope (a deadline, an interrupting event): nobody acted
            }
            String who = task.getAssignee() != null ? task.getAssignee() : completer(task.getId());
            acts.add(new PersonAct(task.getEndTime().toInstant(), who == null ? "unknown user" : who,
                    PersonAct.TASK_ACTS.getOrDefault(task.getTaskDefinitionKey(), PersonAct.Act.COMPLETED_TASK),
                    task.getName(), task.getId()));
        }
    }

    private String completer(String taskId) {
        return history.createUserOperationLogQuery().taskId(taskId)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
                .map(UserOperationLogEntry::getUserId).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Operator actions from the engine's user operation log, one act per operation (its entries grouped). */
    private void operations(List<HistoricProcessInstance> tree, List<PersonAct> acts) {
        Map<String, List<UserOperationLogEntry>> byOperation = new LinkedHashMap<>();
        for (HistoricProcessInstance instance : tree) {
            for (UserOperationLogEntry entry : history.createUserOperationLogQuery()
                    .processInstanceId(instance.getId()).list()) {
                if (entry.getUserId() == null || COVERED_ELSEWHERE.contains(entry.getOperationType())
                        || (entry.getTaskId() != null && TASK_SELF_OPERATIONS.contains(entry.getOperationType()))) {
                    continue;
                }
                byOperation.computeIfAbsent(entry.getOperationId(), id -> new ArrayList<>()).add(entry);
            }
        }
        for (List<UserOperationLogEntry> entries : byOperation.values()) {
            UserOperationLogEntry first = entries.get(0);
            boolean timerMadeDue = UserOperationLogEntry.OPERATION_TYPE_SET_DUEDATE.equals(first.getOperationType())
                    && first.getJobId() != null;
            acts.add(new PersonAct(first.getTimestamp().toInstant(), first.getUserId(),
                    timerMadeDue ? PersonAct.Act.MADE_TIMER_DUE : PersonAct.Act.OPERATOR_ACTION,
                    describe(first, entries), first.getJobId() != null ? first.getJobId()
                    : first.getTaskId() != null ? first.getTaskId() : first.getOperationId()));
        }
    }

    /** E.g. "SetDueDate of job at IntermediateEvent_WindowStarts: duedate → 2020-01-01T00:00:00Z". */
    private String describe(UserOperationLogEntry first, List<UserOperationLogEntry> entries) {
        String on = first.getEntityType();
        if (first.getJobId() != null) {
            on = "job" + history.createHistoricJobLogQuery().jobId(first.getJobId()).list().stream()
                    .map(HistoricJobLog::getActivityId).filter(Objects::nonNull).findFirst()
                    .map(activity -> " at " + activity).orElse("");
        }
        if (EntityTypes.VARIABLE.equals(first.getEntityType())) {
            // the log keeps no variable names; the variable updates of the same operation do (not their values)
            String names = history.createHistoricDetailQuery().userOperationId(first.getOperationId())
                    .variableUpdates().disableCustomObjectDeserialization().list().stream()
                    .filter(HistoricVariableUpdate.class::isInstance)
                    .map(detail -> ((HistoricVariableUpdate) detail).getVariableName()).distinct()
                    .collect(Collectors.joining(", "));
            on = names.isEmpty() ? on : "variable " + names;
        }
        String changes = entries.stream().filter(e -> e.getProperty() != null)
                .map(e -> e.getProperty() + (e.getNewValue() == null ? "" : " → " + readable(e.getProperty(), e.getNewValue())))
                .collect(Collectors.joining(", "));
        return first.getOperationType() + " of " + on + (changes.isEmpty() ? "" : ": " + changes);
    }

    /** Due dates are logged as epoch milliseconds: shown as a time. */
    private static String readable(String property, String value) {
        if ("duedate".equalsIgnoreCase(property)) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(value)).toString();
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }
}
