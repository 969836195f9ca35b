package io.upgradeorchestrator.rollback;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLBACK_DECIDED_BY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLBACK_DECISION;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLBACK_REASON;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER_DETAIL;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueDecision;
import io.upgradeorchestrator.issues.IssueFinder;
import io.upgradeorchestrator.issues.IssueSource;
import io.upgradeorchestrator.issues.UpgradeFacts;
import io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess;

/**
 * The trigger that asked for the rollback decision (canary failed, health gate, failure threshold, failed core or
 * manual checks) with what was decided, by whom and why. A trigger from monitoring is already an issue of its own
 * source, decided there, and is not repeated.
 */
@Component
class RollbackTriggerIssues implements IssueFinder {

    private static final Set<String> FROM_MONITORING = Set.of(UpgradeMonitoringProcess.TRIGGER_MONITORING_BREACH,
            UpgradeMonitoringProcess.TRIGGER_USER_REPORT);

    @Override
    public List<Issue> find(UpgradeFacts facts) {
        String trigger = facts.text(ROLLBACK_TRIGGER.name());
        if (trigger == null || FROM_MONITORING.contains(trigger)) {
            return List.of();
        }
        String detail = facts.text(ROLLBACK_TRIGGER_DETAIL.name());
        Issue issue = Issue.found(facts.instant(UpgradeFacts.ROLLBACK_TRIGGERED_AT), IssueSource.ROLLBACK_TRIGGER, trigger,
                detail == null ? trigger : detail, "rollback plan");
        String decision = facts.text(ROLLBACK_DECISION.name());
        if (decision != null) {
            issue = issue.decided(IssueDecision.valueOf(decision), facts.text(ROLLBACK_DECIDED_BY.name()),
                    facts.text(ROLLBACK_REASON.name()));
        }
        return List.of(issue);
    }
}
