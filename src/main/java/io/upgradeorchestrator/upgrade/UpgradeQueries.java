package io.upgradeorchestrator.upgrade;

import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVAL_OUTCOME;
import static io.upgradeorchestrator.assessment.AssessmentVariables.RISK_LEVEL;
import static io.upgradeorchestrator.variables.UpgradeVariables.CHANGE_TYPE;
import static io.upgradeorchestrator.variables.UpgradeVariables.COMPATIBILITY;
import static io.upgradeorchestrator.variables.UpgradeVariables.CURRENT_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.PHASE;
import static io.upgradeorchestrator.variables.UpgradeVariables.PURPOSE;
import static io.upgradeorchestrator.variables.UpgradeVariables.REASON;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_NAME;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.URGENCY;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.api.CurrentUser;
import io.upgradeorchestrator.identity.Requesters;
import io.upgradeorchestrator.identity.UpgradeAccess;
import io.upgradeorchestrator.rollout.RolloutProgress;
import io.upgradeorchestrator.variables.UpgradeVariables;

/** Reads where an upgrade stands from the engine's runtime and history, for the API and the Cockpit tab. */
@Component
public class UpgradeQueries {

    private final HistoryService historyService;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final CurrentUser currentUser;
    private final UpgradeAccess access;
    private final Requesters requesters;
    private final RolloutProgress rolloutProgress;

    UpgradeQueries(HistoryService historyService, RuntimeService runtimeService, TaskService taskService,
                   CurrentUser currentUser, UpgradeAccess access, Requesters requesters,
                   RolloutProgress rolloutProgress) {
        this.historyService = historyService;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.currentUser = currentUser;
        this.access = access;
        this.requesters = requesters;
        this.rolloutProgress = rolloutProgress;
    }

    public static final int MAX_LISTED = 500;

    /**
     * The upgrades the caller may see (see UpgradeAccess: all for those who oversee changes, else their own),
     * newest first; each criterion only where given ({@code running}: true for running, false for ended).
     */
    public List<UpgradeView> list(String systemId, String requester, Boolean running, int max) {
        List<String> visible = access.callerOversees() ? null : access.requestedByCaller();
        return currentUser.readAsSystem(() -> listVisible(visible, systemId, requester, running, max));
    }

    /** {@code visible}: the only upgrade ids to list, or {@code null} for all. */
    private List<UpgradeView> listVisible(List<String> visible, String systemId, String requester, Boolean running,
                                          int max) {
        HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(SystemUpgradeProcess.KEY);
        if (requester != null) {
            List<String> theirs = requesters.upgradesRequestedBy(requester);
            visible = visible == null ? theirs : visible.stream().filter(theirs::contains).toList();
        }
        if (visible != null) {
            if (visible.isEmpty()) {
                return List.of();
            }
            query.processInstanceBusinessKeyIn(visible.toArray(String[]::new));
        }
        if (systemId != null) {
            query.variableValueEquals(UpgradeVariables.SYSTEM_ID.name(), systemId);
        }
        if (running != null) {
            if (running) {
                query.unfinished();
            } else {
                query.finished();
            }
        }
        return query.orderByProcessInstanceStartTime().desc().listPage(0, Math.min(max, MAX_LISTED)).stream()
                .map(instance -> view(instance, false)).toList();
    }

    /**
     * The upgrade with this id, if the caller may see it (UpgradeAccess), read in full once that is established:
     * a requester sees the approval tasks of their upgrade, not only their own.
     */
    public Optional<UpgradeView> find(String upgradeId) {
        if (!Requesters.isUpgradeId(upgradeId) || !access.callerMaySee(upgradeId)) {
            return Optional.empty();
        }
        return currentUser.readAsSystem(() -> Optional.ofNullable(historyService.createHistoricProcessInstanceQuery()
                        .processDefinitionKey(SystemUpgradeProcess.KEY).processInstanceBusinessKey(upgradeId).singleResult())
                .map(instance -> view(instance, true)));
    }

    /** {@code withWaves}: the rollout's progress per wave too (one upgrade, not a list). */
    private UpgradeView view(HistoricProcessInstance instance, boolean withWaves) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).disableCustomObjectDeserialization().list()) {
            // Only the upgrade's own simple facts; lists stay JSON in the engine.
            if (!(variable.getTypedValue() instanceof ObjectValue) && variable.getTypedValue() != null) {
                variables.put(variable.getName(), variable.getTypedValue().getValue());
            }
        }
        List<UpgradeView.OpenTask> tasks = taskService.createTaskQuery()
                .processInstanceBusinessKey(instance.getBusinessKey()).active().orderByTaskCreateTime().asc().list()
                .stream().map(this::openTask).toList();
        List<String> instanceIds = historyService.createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(instance.getId()).list().stream().map(HistoricProcessInstance::getId).toList();
        List<UpgradeView.OpenIncident> incidents = instanceIds.stream()
                .flatMap(id -> runtimeService.createIncidentQuery().processInstanceId(id).list().stream())
                .map(incident -> new UpgradeView.OpenIncident(incident.getId(), incident.getActivityId(),
                        incident.getIncidentMessage(), instant(incident.getIncidentTimestamp())))
                .toList();
        String status = instance.getEndTime() != null ? "ENDED" : incidents.isEmpty() ? "RUNNING" : "INCIDENT";
        return new UpgradeView(instance.getBusinessKey(), SYSTEM_ID.from(variables), SYSTEM_NAME.from(variables),
                CURRENT_VERSION.from(variables), TARGET_VERSION.from(variables), REASON.from(variables),
                PURPOSE.from(variables), requesters.requesterOf(instance.getBusinessKey()).orElse(null), PHASE.from(variables), status,
                instant(instance.getStartTime()), instant(instance.getEndTime()), URGENCY.from(variables),
                CHANGE_TYPE.from(variables), RISK_LEVEL.from(variables), COMPATIBILITY.from(variables),
                APPROVAL_OUTCOME.from(variables), tasks, incidents,
                withWaves ? rolloutProgress.of(instance.getBusinessKey()) : List.of());
    }

    private UpgradeView.OpenTask openTask(Task task) {
        List<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
        return new UpgradeView.OpenTask(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getAssignee(),
                groups, instant(task.getCreateTime()), instant(task.getDueDate()), task.getPriority());
    }


    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
