package io.upgradeorchestrator.approval;

import static io.upgradeorchestrator.upgrade.UpgradeVariables.REQUESTER;
import static io.upgradeorchestrator.upgrade.UpgradeVariables.UPGRADE_ID;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The requester never approves their own upgrade, and nobody takes a second approval of the same round.
 * Enforced inside the engine on claim/assignment and on
 * completion, so it holds for every client: Tasklist, the engine's REST API, Java. An AuthorizationException
 * reaches REST clients as 403 with this message.
 */
@Component("fourEyesRule")
class FourEyesRule implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String requester = REQUESTER.require(task);
        String upgradeId = UPGRADE_ID.get(task, "this upgrade");
        if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
            if (requester.equals(task.getAssignee())) {
                throw refusal(requester, upgradeId);
            }
            if (task.getAssignee() != null) {
                refuseSecondDecision(ApprovalVariables.APPROVALS.get(task, List.of()), task.getAssignee(), upgradeId);
            }
            return;
        }
        String actor = Actor.of(task);
        if (actor == null) {
            throw new AuthorizationException("An approval of " + upgradeId
                    + " must be given by a known person: claim the task or call as an authenticated user.");
        }
        if (actor.equals(requester)) {
            throw refusal(actor, upgradeId);
        }
    }

    /** One person, one decision per round: two approvals of a board must come from two of its members. */
    static void refuseSecondDecision(List<ApprovalEntry> approvals, String person, String upgradeId) {
        approvals.stream().filter(entry -> entry.approver().equals(person)).findFirst().ifPresent(earlier -> {
            throw new AuthorizationException(person + " has already decided on " + upgradeId + " as a member of "
                    + earlier.approverGroup() + "; each approval must come from a different person.");
        });
    }

    private static AuthorizationException refusal(String user, String upgradeId) {
        return new AuthorizationException(user + " requested " + upgradeId
                + " and cannot approve it: an upgrade must be approved by people other than its requester.");
    }
}
