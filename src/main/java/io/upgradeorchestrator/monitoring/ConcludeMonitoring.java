package io.upgradeorchestrator.monitoring;

import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER_DETAIL;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueList;
import io.upgradeorchestrator.variables.JsonText;

/**
 * At the end of monitoring (after the end event has set {@code monitoringOutcome}): when it ended and a summary a
 * person reads in Cockpit, the API and the upgrade record.
 */
@Component("concludeMonitoring")
class ConcludeMonitoring implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        String outcome = MONITORING_OUTCOME.require(execution);
        Date now = ClockUtil.getCurrentTime();
        MONITORING_ENDED_AT.set(execution, now);
        int rounds = PROBE_ROUNDS.get(execution, 0);
        int breaches = BREACH_ROUNDS.get(execution, 0);
        long keptNewVersion = IssueList.parse(JsonText.of(execution, MONITORING_ISSUES.name())).stream()
                .filter(Issue::knownLimitation).count();
        String problems = USER_PROBLEMS.get(execution);
        String plan = MONITORING_SUMMARY.get(execution, "");
        String result = STABLE.equals(outcome)
                ? "Monitoring ended STABLE: the period passed without a breach that led to a rollback."
                : "Monitoring ended with ROLL_BACK (" + ROLLBACK_TRIGGER.get(execution, "?") + "): "
                + ROLLBACK_TRIGGER_DETAIL.get(execution, "") + ".";
        MONITORING_SUMMARY.set(execution, result + " " + rounds + " probe round(s), " + breaches
                + " with a breach; " + count(problems) + " user report(s); " + keptNewVersion
                + " issue(s) fixed forward or accepted. " + plan);
    }

    private static int count(String lines) {
        return lines == null || lines.isBlank() ? 0 : (int) lines.lines().filter(l -> !l.isBlank()).count();
    }
}
