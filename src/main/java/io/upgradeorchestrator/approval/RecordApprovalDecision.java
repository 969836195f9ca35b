package io.upgradeorchestrator.approval;

import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVALS;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVAL_OUTCOME;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVAL_SLOTS;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVER_GROUP;
import static io.upgradeorchestrator.approval.ApprovalVariables.DECIDED_BY;
import static io.upgradeorchestrator.approval.ApprovalVariables.DECISION;
import static io.upgradeorchestrator.approval.ApprovalVariables.DECISION_COMMENT;
import static io.upgradeorchestrator.approval.ApprovalVariables.DECISION_REASON;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import io.upgradeorchestrator.identity.TaskActor;

/**
 * Records one approver's decision and decides the round: a rejection or a send-back ends it at once; it is
 * approved when every required approval is given, each by a different person. The form's values are checked
 * here too, because Tasklist's validation runs only in the browser.
 */
@Component("recordApprovalDecision")
class RecordApprovalDecision implements TaskListener {

    private final Clock clock;

    RecordApprovalDecision(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        ApprovalDecision decision = parseDecision(DECISION.get(task));
        String comment = trimToNull(DECISION_COMMENT.get(task));
        if (decision != ApprovalDecision.APPROVE && comment == null) {
            throw new BadUserRequestException("decisionComment: say why the upgrade is "
                    + (decision == ApprovalDecision.REJECT ? "rejected" : "sent back") + ", so the requester can act on it");
        }
        String approver = TaskActor.of(task);
        List<ApprovalEntry> approvals = new ArrayList<>(APPROVALS.get(task, List.of()));
        FourEyesRule.refuseSecondDecision(approvals, approver, UPGRADE_ID.get(task, "this upgrade"));

        String group = APPROVER_GROUP.get(task);
        approvals.add(ApprovalEntry.of(approver, group, decision, comment, clock.instant()));
        APPROVALS.set(task, approvals);

        switch (decision) {
            case REJECT, SEND_BACK -> {
                APPROVAL_OUTCOME.set(task, decision == ApprovalDecision.REJECT
                        ? ApprovalOutcome.REJECTED.name() : ApprovalOutcome.SENT_BACK.name());
                DECISION_REASON.set(task, comment);
                DECIDED_BY.set(task, approver);
            }
            case APPROVE -> {
                if (approvals.size() >= APPROVAL_SLOTS.require(task).size()) {
                    APPROVAL_OUTCOME.set(task, ApprovalOutcome.APPROVED.name());
                    DECIDED_BY.set(task, approvals.stream().map(ApprovalEntry::approver).collect(Collectors.joining(", ")));
                }
            }
        }
    }

    private static ApprovalDecision parseDecision(String value) {
        if (value == null || value.isBlank()) {
            throw new BadUserRequestException("decision: choose one of " + allowedDecisions());
        }
        return Arrays.stream(ApprovalDecision.values()).filter(d -> d.name().equals(value.trim())).findFirst()
                .orElseThrow(() -> new BadUserRequestException("decision: unknown value '" + value + "'; one of "
                        + allowedDecisions()));
    }

    private static String allowedDecisions() {
        return Arrays.stream(ApprovalDecision.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
