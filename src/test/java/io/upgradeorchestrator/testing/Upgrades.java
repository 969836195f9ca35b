package io.upgradeorchestrator.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.request.RequestVariables;
import io.upgradeorchestrator.request.UpgradeRequest;
import io.upgradeorchestrator.upgrade.SystemUpgradeProcess;

/**
 * Drives upgrades in tests the way people and the job executor would: start as a requester, complete tasks
 * as a named user (so the engine's rules about who acts apply), run due jobs.
 */
@Component
public class Upgrades {

    private final ProcessEngine engine;

    public Upgrades(ProcessEngine engine) {
        this.engine = engine;
    }

    /** A request that passes validation: the window starts in 30 days, beyond any lead time. */
    public static UpgradeRequest request(String systemId, String targetVersion, String reason) {
        Instant start = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        return new UpgradeRequest(systemId, targetVersion, reason, null, "fix authentication vulnerability in login",
                new UpgradeRequest.Window(start.toString(), start.plus(4, ChronoUnit.HOURS).toString()), false, null,
                "https://example.org/release-notes");
    }

    /** Starts the main process as {@code requester}, as Tasklist's start form does (no business key given). */
    public ProcessInstance start(String requester, UpgradeRequest request) {
        return as(requester, () -> runtime().startProcessInstanceByKey(SystemUpgradeProcess.KEY,
                RequestVariables.toVariables(request)));
    }

    public <T> T as(String userId, Supplier<T> action) {
        IdentityService identity = engine.getIdentityService();
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        identity.setAuthentication(userId, groups);
        try {
            return action.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The one open task with this definition key anywhere in the upgrade (main process or a called phase). */
    public Task task(ProcessInstance upgrade, String taskDefinitionKey) {
        List<Task> tasks = tasks(upgrade, taskDefinitionKey);
        if (tasks.size() != 1) {
            throw new AssertionError("Expected one open " + taskDefinitionKey + " but found " + tasks.size()
                    + "; open: " + tasks(upgrade, null).stream().map(Task::getTaskDefinitionKey).toList());
        }
        return tasks.get(0);
    }

    public List<Task> tasks(ProcessInstance upgrade, String taskDefinitionKey) {
        var query = taskService().createTaskQuery().processInstanceBusinessKey(businessKey(upgrade)).active();
        if (taskDefinitionKey != null) {
            query.taskDefinitionKey(taskDefinitionKey);
        }
        return query.list();
    }

    /** Claims and completes the task as {@code userId}, with the form values given. */
    public void complete(String userId, Task task, Map<String, Object> values) {
        as(userId, () -> {
            if (task.getAssignee() == null) {
                taskService().claim(task.getId(), userId);
            }
            taskService().complete(task.getId(), values);
            return null;
        });
    }

    public void complete(String userId, ProcessInstance upgrade, String taskDefinitionKey, Map<String, Object> values) {
        complete(userId, task(upgrade, taskDefinitionKey), values);
    }

    /** Runs every due job of the upgrade (asynchronous steps, due timers) until none is left. */
    public void runJobs(ProcessInstance upgrade) {
        for (int round = 0; round < 50; round++) {
            List<Job> due = dueJobs(upgrade);
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                management().executeJob(job.getId());
            }
        }
        throw new AssertionError("Jobs keep coming after 50 rounds: " + dueJobs(upgrade));
    }

    public List<Job> dueJobs(ProcessInstance upgrade) {
        Date now = ClockUtil.getCurrentTime();
        List<Job> due = new ArrayList<>();
        for (String instanceId : instanceIds(upgrade)) {
            for (Job job : management().createJobQuery().processInstanceId(instanceId).withRetriesLeft().list()) {
                if (job.getDuedate() == null || !job.getDuedate().after(now)) {
                    due.add(job);
                }
            }
        }
        return due;
    }

    /** Moves the engine's clock forward, so timers become due. */
    public void passTime(Duration duration) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration)));
    }

    public void resetClock() {
        ClockUtil.reset();
    }

    public List<String> instanceIds(ProcessInstance upgrade) {
        return history().createHistoricProcessInstanceQuery().rootProcessInstanceId(upgrade.getRootProcessInstanceId())
                .list().stream().map(HistoricProcessInstance::getId).toList();
    }

    public String businessKey(ProcessInstance upgrade) {
        return history().createHistoricProcessInstanceQuery().processInstanceId(upgrade.getId()).singleResult()
                .getBusinessKey();
    }

    public Object variable(ProcessInstance upgrade, String name) {
        return history().createHistoricVariableInstanceQuery().processInstanceId(upgrade.getId()).variableName(name)
                .singleResult().getValue();
    }

    public static Map<String, Object> values(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return values;
    }

    private RuntimeService runtime() {
        return engine.getRuntimeService();
    }

    private TaskService taskService() {
        return engine.getTaskService();
    }

    private ManagementService management() {
        return engine.getManagementService();
    }

    private HistoryService history() {
        return engine.getHistoryService();
    }
}
