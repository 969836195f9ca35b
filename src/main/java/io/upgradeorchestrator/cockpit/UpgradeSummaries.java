package io.upgradeorchestrator.cockpit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.upgradeorchestrator.action.ActionRun;
import io.upgradeorchestrator.action.ActionRunRepository;
import io.upgradeorchestrator.api.CurrentUser;
import io.upgradeorchestrator.approval.ApprovalEntry;
import io.upgradeorchestrator.approval.ApprovalVariables;
import io.upgradeorchestrator.upgrade.SystemUpgradeProcess;
import io.upgradeorchestrator.identity.UpgradeAccess;
import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.record.UpgradeHistory;
import io.upgradeorchestrator.record.UpgradeRecords;
import io.upgradeorchestrator.variables.JsonText;
import io.upgradeorchestrator.upgrade.UpgradeQueries;
import io.upgradeorchestrator.variables.UpgradeVariables;
import io.upgradeorchestrator.upgrade.UpgradeView;

/**
 * Builds an {@link UpgradeSummary} for those who oversee all changes (UpgradeAccess); once the caller may see
 * it, the record is read in full.
 */
@Service
public class UpgradeSummaries {

    private static final TypeReference<List<ApprovalEntry>> APPROVAL_LIST = new TypeReference<>() { };

    private final HistoryService historyService;
    private final UpgradeQueries queries;
    private final ActionRunRepository actionRuns;
    private final CurrentUser currentUser;
    private final UpgradeAccess access;
    private final ObjectMapper json;
    private final UpgradeRecords records;
    private final UpgradeHistory upgradeHistory;

    UpgradeSummaries(HistoryService historyService, UpgradeQueries queries, ActionRunRepository actionRuns,
                     CurrentUser currentUser, UpgradeAccess access, ObjectMapper json, UpgradeRecords records,
                     UpgradeHistory upgradeHistory) {
        this.historyService = historyService;
        this.queries = queries;
        this.actionRuns = actionRuns;
        this.currentUser = currentUser;
        this.access = access;
        this.json = json;
        this.records = records;
        this.upgradeHistory = upgradeHistory;
    }

    /** The upgrade that a process instance belongs to: the main process or any phase it called. */
    public Optional<UpgradeSummary> forProcessInstance(String processInstanceId) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        String upgradeId = currentUser.readAsSystem(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getRootProcessInstanceId()).singleResult().getBusinessKey());
        return upgradeId == null ? Optional.empty() : forUpgrade(upgradeId);
    }

    /**
     * The summary, with commands, paths and action output: only for those who oversee all changes (operations,
     * process owners, change managers, admins); for anyone else the upgrade is not there.
     */
    public Optional<UpgradeSummary> forUpgrade(String upgradeId) {
        if (!access.callerOversees()) {
            return Optional.empty();
        }
        return queries.find(upgradeId).map(view -> currentUser.readAsSystem(() -> summary(view)));
    }

    private UpgradeSummary summary(UpgradeView view) {
        HistoricProcessInstance root = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(SystemUpgradeProcess.KEY)
                .processInstanceBusinessKey(view.id()).singleResult();
        List<UpgradeSummary.ActionRunLine> runs = actionRuns.findByUpgradeId(view.id()).stream()
                .map(UpgradeSummaries::line).toList();
        UpgradeHistory.Facts history = upgradeHistory.of(root.getId(), view.id());
        List<Issue> issues = records.issues(variables(root), history);
        return new UpgradeSummary(view, text(root.getId(), UpgradeVariables.WINDOW_TEXT.name()),
                text(root.getId(), ApprovalVariables.APPROVERS_SUMMARY.name()), approvalRounds(root), runs, issues,
                records.acts(history, issues));
    }

    /**
     * The upgrade's variables as the record reads them, while it runs: the main process's, overridden by those of
     * the phases it called in the order they started (a running phase holds the newest values until it ends).
     */
    private Map<String, Object> variables(HistoricProcessInstance root) {
        List<HistoricProcessInstance> tree = historyService.createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(root.getId()).orderByProcessInstanceStartTime().asc().list();
        Map<String, Object> variables = new LinkedHashMap<>();
        for (HistoricProcessInstance instance : tree) {
            for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
                    .processInstanceId(instance.getId()).disableCustomObjectDeserialization().list()) {
                if (variable.getActivityInstanceId() != null && !instance.getId().equals(variable.getActivityInstanceId())) {
                    continue; // a task's or a sub-scope's own variable
                }
                TypedValue value = variable.getTypedValue();
                // JSON variables as their text: they are not deserialized here
                variables.put(variable.getName(), value instanceof ObjectValue ? JsonText.of(value)
                        : value == null ? null : value.getValue());
            }
        }
        return variables;
    }

    private List<UpgradeSummary.ApprovalRound> approvalRounds(HistoricProcessInstance root) {
        List<HistoricProcessInstance> rounds = historyService.createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(root.getId()).processDefinitionKey(ApprovalVariables.PROCESS_KEY)
                .orderByProcessInstanceStartTime().asc().list();
        List<UpgradeSummary.ApprovalRound> result = new ArrayList<>();
        for (HistoricProcessInstance round : rounds) {
            result.add(new UpgradeSummary.ApprovalRound(result.size() + 1, round.getId(),
                    text(round.getId(), ApprovalVariables.APPROVAL_OUTCOME.name()), approvals(round.getId())));
        }
        return result;
    }

    private List<ApprovalEntry> approvals(String processInstanceId) {
        TypedValue value = variable(processInstanceId, ApprovalVariables.APPROVALS.name());
        if (!(value instanceof ObjectValue object) || object.getValueSerialized() == null) {
            return List.of();
        }
        try {
            return json.readValue(object.getValueSerialized(), APPROVAL_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable approvals of process instance " + processInstanceId, e);
        }
    }

    private String text(String processInstanceId, String name) {
        TypedValue value = variable(processInstanceId, name);
        return value == null || value.getValue() == null ? null : value.getValue().toString();
    }

    private TypedValue variable(String processInstanceId, String name) {
        List<HistoricVariableInstance> found = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).disableCustomObjectDeserialization().list();
        // the process instance's own variable, not a task-local one of the same name
        return found.stream().filter(v -> v.getActivityInstanceId() == null || processInstanceId.equals(v.getActivityInstanceId()))
                .findFirst().or(() -> found.stream().findFirst()).map(HistoricVariableInstance::getTypedValue).orElse(null);
    }

    private static UpgradeSummary.ActionRunLine line(ActionRun run) {
        return new UpgradeSummary.ActionRunLine(run.actionName(), run.target(), run.kind().name(), run.description(),
                run.status().name(), run.attempts(), run.exitCode(), run.httpStatus(), run.startedAt(),
                run.finishedAt(), run.durationMs(), run.summary());
    }
}
