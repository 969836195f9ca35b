package io.upgradeorchestrator.monitoring;

import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueList;
import io.upgradeorchestrator.issues.IssueSource;
import io.upgradeorchestrator.variables.JsonText;
import io.upgradeorchestrator.variables.Texts;

/** Keeps a problem a user reported during monitoring, and frames it for the alert and the decision. */
@Component("recordUserProblem")
class RecordUserProblem implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        String description = PROBLEM_DESCRIPTION.require(execution);
        String reportedBy = PROBLEM_REPORTED_BY.get(execution, "unknown");
        String contact = PROBLEM_CONTACT.get(execution);
        Instant now = ClockUtil.getCurrentTime().toInstant();
        String line = now + " " + reportedBy + (contact == null ? "" : " (" + contact + ")") + ": "
                + oneLine(description);
        String earlier = USER_PROBLEMS.get(execution);
        USER_PROBLEMS.set(execution, Texts.appendKeepingLatest(earlier, line));
        // an issue from the moment it is reported; the decision that takes it up decides it
        List<Issue> issues = new ArrayList<>(IssueList.parse(JsonText.of(execution, MONITORING_ISSUES.name())));
        issues.add(Issue.found(now, IssueSource.USER_REPORT, contact == null ? null : "contact " + contact,
                oneLine(description), reportedBy));
        execution.setVariable(MONITORING_ISSUES.name(), IssueList.typed(MONITORING_ISSUES, issues));

        DECISION_TRIGGER.setLocal(execution, TRIGGER_USER_REPORT);
        BREACHED_PROBE.setLocal(execution, "Problem reported by a user");
        BREACH_MEASURED.setLocal(execution, oneLine(description) + " (reported by " + reportedBy
                + (contact == null ? "" : ", contact " + contact) + ")");
        BREACH_SUMMARY.setLocal(execution, "User report by " + reportedBy + (contact == null ? "" : " (" + contact + ")")
                + ": " + oneLine(description));
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " / ");
    }
}
