package io.upgradeorchestrator.monitoring;

import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER_DETAIL;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueDecision;
import io.upgradeorchestrator.issues.IssueList;
import io.upgradeorchestrator.issues.IssueSource;
import io.upgradeorchestrator.variables.JsonText;
import io.upgradeorchestrator.identity.TaskActor;

/**
 * The decision on a breach or a user's report. While a decision task is open, later breaches and reports join it
 * instead of opening another. On completion the form's values are checked here too, because Tasklist validates only
 * in the browser: a decision is required, and fixing forward or accepting needs a reason (what will be fixed, or
 * why the degradation is acceptable). ROLL_BACK names the trigger for the rollback; every decision is kept with the issues it decided in
 * {@code monitoringIssues} for the upgrade record.
 */
@Component("monitoringDecisionRule")
class MonitoringDecisionRule implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> MONITORING_DECISION_OPEN.set(task, true);
            case EVENTNAME_COMPLETE -> complete(task);
            case EVENTNAME_DELETE -> MONITORING_DECISION_OPEN.set(task, false);
            default -> {
            }
        }
    }

    private static void complete(DelegateTask task) {
        MonitoringDecision decision = parse(MONITORING_DECISION.get(task));
        String reason = trimToNull(MONITORING_DECISION_REASON.get(task));
        if (decision != MonitoringDecision.ROLL_BACK && reason == null) {
            throw new BadUserRequestException("monitoringDecisionReason: say "
                    + (decision == MonitoringDecision.ACCEPT ? "why the degradation is acceptable"
                    : "what will be fixed, by whom and when") + "; it goes into the upgrade record");
        }
        String actor = TaskActor.of(task);
        String trigger = DECISION_TRIGGER.require(task);
        String about = BREACH_SUMMARY.get(task, trigger);

        MONITORING_DECISION.set(task, decision.name());
        MONITORING_DECISION_REASON.set(task, reason);
        MONITORING_DECIDED_BY.set(task, actor);
        MONITORING_DECISION_OPEN.set(task, false);
        if (decision == MonitoringDecision.ROLL_BACK) {
            ROLLBACK_TRIGGER.set(task, trigger);
            ROLLBACK_TRIGGER_DETAIL.set(task, about + " — roll back decided by " + actor
                    + (reason == null ? "" : ": " + reason));
        }
        List<Issue> issues = decide(IssueList.parse(JsonText.of(task, MONITORING_ISSUES.name())), trigger,
                BREACHED_PROBE.get(task), about, task.getCreateTime(), IssueDecision.valueOf(decision.name()), actor,
                reason);
        task.setVariable(MONITORING_ISSUES.name(), IssueList.typed(MONITORING_ISSUES, issues));
        ISSUES_FOUND.set(task, issues.stream().map(Issue::line).collect(Collectors.joining("\n")));
    }

    /**
     * A breach becomes an issue when it is decided (it was found when the task opened); user reports are issues
     * from the moment they came in. The decision applies to every issue of monitoring still undecided: reports
     * and breaches that joined the open task are decided with it.
     */
    static List<Issue> decide(List<Issue> earlier, String trigger, String probe, String about, Date foundAt,
                              IssueDecision decision, String actor, String reason) {
        List<Issue> issues = new ArrayList<>(earlier);
        if (TRIGGER_MONITORING_BREACH.equals(trigger)) {
            issues.add(Issue.found(foundAt == null ? null : foundAt.toInstant(), IssueSource.MONITORING_BREACH,
                    probe, about, "monitoring probe"));
        }
        issues.replaceAll(issue -> issue.undecided() && (issue.source() == IssueSource.MONITORING_BREACH
                || issue.source() == IssueSource.USER_REPORT) ? issue.decided(decision, actor, reason) : issue);
        return issues;
    }

    private static MonitoringDecision parse(String value) {
        if (value == null || value.isBlank()) {
            throw new BadUserRequestException("monitoringDecision: choose one of " + allowed());
        }
        return Arrays.stream(MonitoringDecision.values()).filter(d -> d.name().equals(value.strip())).findFirst()
                .orElseThrow(() -> new BadUserRequestException("monitoringDecision: unknown value '" + value
                        + "'; one of " + allowed()));
    }

    private static String allowed() {
        return Arrays.stream(MonitoringDecision.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
