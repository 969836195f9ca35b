package io.upgradeorchestrator.testing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
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
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import io.upgradeorchestrator.demotarget.DemoTarget;
import io.upgradeorchestrator.demotarget.DemoTargetProvisioner;

import io.upgradeorchestrator.request.RequestVariables;
import io.upgradeorchestrator.request.UpgradeRequest;
import io.upgradeorchestrator.upgrade.SystemUpgradeProcess;
import io.upgradeorchestrator.variables.UpgradeVariables;
import io.upgradeorchestrator.variables.Var;
import io.upgradeorchestrator.worker.StepWorker;

/**
 * Drives upgrades in tests the way people and the job executor would: start as a requester, complete tasks
 * as a named user (so the engine's rules about who acts apply), run due jobs.
 */
@Component
public class Upgrades {

    private final StepWorker worker;

    private final ProcessEngine engine;
    private final DemoTarget demoTarget;
    private final DemoTargetProvisioner provisioner;

    public Upgrades(ProcessEngine engine, DemoTarget demoTarget, DemoTargetProvisioner provisioner, StepWorker worker) {
        this.worker = worker;
        this.engine = engine;
        this.demoTarget = demoTarget;
        this.provisioner = provisioner;
    }

    /** The folder of a demo node (a stand-in for a server, see DemoTarget). */
    public java.nio.file.Path demoNode(String nodeId) {
        return demoTarget.root().resolve(nodeId);
    }

    /** Puts every demo node back to its inventory version, undoing what earlier tests changed. */
    public void freshDemoTarget() {
        FileSystemUtils.deleteRecursively(demoTarget.root().toFile());
        provisioner.provisionAll();
    }

    private static Instant lastWindowStart;

    /**
     * A request that passes every check: a six-hour window on a quiet Saturday morning (UTC) at least 30 days
     * ahead — beyond any lead time, outside the demo systems' peak periods, month-ends and the year-end freeze —
     * and a week after the previous request's, so upgrades left running by earlier tests never conflict with it.
     */
    public static UpgradeRequest request(String systemId, String targetVersion, String reason) {
        Instant start = nextQuietWindowStart();
        return new UpgradeRequest(systemId, targetVersion, reason, null, "fix authentication vulnerability in login",
                new UpgradeRequest.Window(start.toString(), start.plus(6, ChronoUnit.HOURS).toString()), false, null,
                "https://example.org/release-notes");
    }

    public static synchronized Instant nextQuietWindowStart() {
        Instant earliest = quietSaturdayMorning(30);
        lastWindowStart = lastWindowStart == null || earliest.isAfter(lastWindowStart) ? earliest
                : quietSaturdayMorning((int) Duration.between(Instant.now(), lastWindowStart).toDays() + 7);
        return lastWindowStart;
    }

    /** 06:00 UTC of a Saturday between the 8th and the 24th of a month other than December or January. */
    public static Instant quietSaturdayMorning(int daysAhead) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(daysAhead).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
        while (day.getDayOfMonth() < 8 || day.getDayOfMonth() > 24 || day.getMonth() == Month.DECEMBER
                || day.getMonth() == Month.JANUARY) {
            day = day.plusWeeks(1);
        }
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(6, ChronoUnit.HOURS);
    }

    /**
     * Plan and rehearse, then confirm the window: the owner accepts the prefilled rollback plan, the backup and
     * rehearsal run against the demo target, every on-call role confirms it is available.
     */
    public void prepareAndConfirmWindow(ProcessInstance upgrade, String owner) {
        runJobs(upgrade);
        complete(owner, upgrade, "Task_PlanRollback", values());
        runJobs(upgrade);
        confirmAvailability(upgrade);
    }

    /**
     * finance-reports 8.2.0 → 8.2.1 at low risk, requested by rita: assessed (olga), prepared with the runbook's
     * rollback plan (automatic or not), window confirmed, approved (cora) and announced; waits for its window.
     */
    public ProcessInstance approvedFinanceReportsUpgrade(boolean automaticRollback) {
        ProcessInstance upgrade = start("rita", request("finance-reports", "8.2.1", "PERFORMANCE"));
        runJobs(upgrade);
        complete("olga", upgrade, "Task_ReviewBusinessImpact", values("businessImpact", "LOW"));
        runJobs(upgrade);
        complete("olga", upgrade, "Task_PlanRollback", values("rollbackAutomatic", automaticRollback));
        runJobs(upgrade);
        confirmAvailability(upgrade);
        complete("cora", upgrade, "Task_ApproveUpgrade", values("decision", "APPROVE"));
        runJobs(upgrade);
        return upgrade;
    }

    /** Each open "Confirm availability" task is answered yes by a member of its group. */
    public void confirmAvailability(ProcessInstance upgrade) {
        for (Task task : tasks(upgrade, "Task_ConfirmAvailability")) {
            complete(memberOfCandidateGroup(task), task, values("available", true));
        }
        runJobs(upgrade);
    }

    /** Someone who may work on the task: a member of its candidate group who did not request the upgrade. */
    public String memberOfCandidateGroup(Task task) {
        String group = taskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> link.getGroupId() != null).findFirst().orElseThrow().getGroupId();
        Object requester = taskService().getVariable(task.getId(), UpgradeVariables.REQUESTER.name());
        return engine.getIdentityService().createUserQuery().memberOfGroup(group).orderByUserId().asc().list().stream()
                .map(org.camunda.bpm.engine.identity.User::getId).filter(user -> !user.equals(requester))
                .findFirst().orElseThrow(() -> new AssertionError("Nobody but the requester in group " + group));
    }

    /** Starts the main process as {@code requester}, as Tasklist's start form does (no business key given). */
    public ProcessInstance start(String requester, UpgradeRequest request) {
        return as(requester, () -> runtime().startProcessInstanceByKey(SystemUpgradeProcess.KEY,
                RequestVariables.toVariables(request)));
    }

    /**
     * Runs {@code action} as the application itself (no authenticated user), the way the engine starts a phase
     * as a call activity: a person may start the phase diagrams only as part of an upgrade.
     */
    public <T> T asApplication(Supplier<T> action) {
        return action.get();
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

    /**
     * Runs the upgrade's due jobs (asynchronous steps, due timers) one at a time until none is left, as the job
     * executor would; one job may remove another (a period's end removes its probe timer), so each is looked up
     * again.
     */
    public void runJobs(ProcessInstance upgrade) {
        String businessKey = upgrade.getBusinessKey();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (int executed = 0; executed < 20000 && System.nanoTime() < deadline; executed++) {
            // read before looking for jobs: a step that ends in between leaves its follow-up job behind
            boolean idle = worker.held() == 0;
            List<Job> due = dueJobs(upgrade);
            if (!due.isEmpty()) {
                management().executeJob(due.get(0).getId());
                continue;
            }
            // the runbook steps: external tasks, run by the application's worker on its own threads
            if (worker.fetchAndStart(businessKey) > 0) {
                continue;
            }
            if (idle) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Jobs and steps keep coming: " + dueJobs(upgrade) + ", steps held: "
                + worker.heldByTopic());
    }

    /**
     * Runs jobs and runbook steps (one batch of steps at a time, each batch to its end) until a job or a step of
     * {@code activityId} is due, and leaves it.
     */
    public void runUntil(ProcessInstance upgrade, String activityId) {
        for (int round = 0; round < 2000; round++) {
            awaitSteps();
            if (!steps(upgrade, activityId).isEmpty()
                    || dueJobs(upgrade).stream().anyMatch(job -> activityId.equals(activityOf(job)))) {
                return;
            }
            List<Job> due = dueJobs(upgrade);
            if (!due.isEmpty()) {
                management().executeJob(due.get(0).getId());
            } else if (worker.fetchAndStart(upgrade.getBusinessKey()) == 0) {
                throw new AssertionError("No job or step of " + activityId + " came up");
            }
        }
        throw new AssertionError("No job or step of " + activityId + " after 2000 rounds");
    }

    /** Runs the step of {@code activityId} on {@code node} to its end, and nothing else. */
    public void runStep(ProcessInstance upgrade, String activityId, String node) {
        ExternalTask step = steps(upgrade, activityId).stream()
                .filter(task -> node.equals(engine.getRuntimeService().getVariable(task.getExecutionId(), "node")))
                .findFirst().orElseThrow(() -> new AssertionError("No step of " + activityId + " on " + node));
        worker.start(step.getId());
        awaitSteps();
    }

    /** The open (not locked) runbook steps of {@code activityId} in the upgrade. */
    public List<ExternalTask> steps(ProcessInstance upgrade, String activityId) {
        List<ExternalTask> steps = new ArrayList<>();
        for (String instanceId : instanceIds(upgrade)) {
            steps.addAll(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(instanceId)
                    .activityId(activityId).notLocked().list());
        }
        return steps;
    }

    /** Waits until the worker holds no step. */
    public void awaitSteps() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (worker.held() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Steps still held after 2 minutes: " + worker.heldByTopic());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public String activityOf(Job job) {
        var definition = management().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                .singleResult();
        return definition == null ? null : definition.getActivityId();
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

    /** Moves the engine's clock to just after the upgrade's window starts and runs what is due then. */
    public void startWindow(ProcessInstance upgrade) {
        Date windowStart = variable(upgrade, UpgradeVariables.WINDOW_START);
        ClockUtil.setCurrentTime(Date.from(windowStart.toInstant().plus(Duration.ofMinutes(1))));
        runJobs(upgrade);
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

    /** The upgrade's variable, typed: see {@link ProcessVariables}. */
    public <T> T variable(ProcessInstance upgrade, Var<T> variable) {
        return ProcessVariables.of(engine, upgrade).get(variable);
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
