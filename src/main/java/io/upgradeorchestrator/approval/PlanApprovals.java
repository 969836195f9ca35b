package io.upgradeorchestrator.approval;

import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVALS;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVAL_DEADLINE;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVAL_DUE_DATE;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVAL_OUTCOME;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVAL_REMINDER_AFTER;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVAL_SLOTS;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVERS_SUMMARY;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVER_ROUTES;
import static io.upgradeorchestrator.assessment.AssessmentVariables.RISK_LEVEL;
import static io.upgradeorchestrator.variables.UpgradeVariables.CHANGE_TYPE;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Turns the routeApproval decision into one approval task per required person (a group that needs two
 * approvals gets two slots), and opens a fresh round: no decisions yet, due date and reminder from the
 * classification's approval deadline.
 */
@Component("planApprovals")
class PlanApprovals implements JavaDelegate {

    private final Clock clock;

    PlanApprovals(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> slots = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        for (Map<String, Object> route : APPROVER_ROUTES.require(execution)) {
            String group = (String) route.get("approverGroup");
            int approvals = ((Number) route.get("approvals")).intValue();
            if (slots.contains(group)) {
                continue; // two rules naming the same group do not double its approvals
            }
            for (int i = 0; i < approvals; i++) {
                slots.add(group);
            }
            summary.add(approvals + " × " + group);
        }
        if (slots.isEmpty()) {
            throw new IllegalStateException("The routeApproval decision named no approver for change type "
                    + CHANGE_TYPE.get(execution) + " and risk " + RISK_LEVEL.get(execution)
                    + ": add a rule for this case in route-approval.dmn");
        }
        Duration deadline = Duration.parse(APPROVAL_DEADLINE.require(execution));
        APPROVAL_SLOTS.set(execution, slots);
        APPROVERS_SUMMARY.set(execution, String.join(", ", summary));
        APPROVALS.set(execution, new ArrayList<>());
        APPROVAL_OUTCOME.set(execution, ApprovalOutcome.PENDING.name());
        APPROVAL_DUE_DATE.set(execution, Date.from(clock.instant().plus(deadline)));
        APPROVAL_REMINDER_AFTER.set(execution, deadline.dividedBy(2).toString());
    }
}
