package io.upgradeorchestrator.approval;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.identity.Requesters;
import io.upgradeorchestrator.identity.TaskActor;

/**
 * The requester never approves their own upgrade, and nobody takes a second approval of the same round. Attached
 * by the engine itself to every user task of the approval diagram (EngineGuardPlugin, as a built-in listener no
 * diagram can remove or skip), so it holds for every client: Tasklist, the engine's REST API, Java.
 * <ul>
 *   <li>create: the requester is shut out of the task (a user-level revoke beats their groups' grant), so it
 *   is neither in their task list nor open to them by id;</li>
 *   <li>assignment and complete: refused for the requester, with the rule's own words (403).</li>
 * </ul>
 * The requester comes from {@link Requesters}, which no variable write reaches.
 */
@Component("fourEyesRule")
public class FourEyesRule implements TaskListener {

    private final Requesters requesters;

    FourEyesRule(@Lazy Requesters requesters) {
        this.requesters = requesters;
    }

    @Override
    public void notify(DelegateTask task) {
        String upgradeId = task.getExecution().getProcessBusinessKey();
        String requester = requesters.requesterOf(upgradeId).orElseThrow(() -> new AuthorizationException(
                "No requester is on record for upgrade '" + upgradeId + "': approvals are refused until it is known"));
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> shutOut(requester, task);
            case EVENTNAME_ASSIGNMENT -> {
                if (requester.equals(task.getAssignee())) {
                    throw refusal(requester, upgradeId);
                }
                if (task.getAssignee() != null) {
                    refuseSecondDecision(ApprovalVariables.APPROVALS.get(task, List.of()), task.getAssignee(), upgradeId);
                }
            }
            case EVENTNAME_COMPLETE -> {
                String actor = TaskActor.of(task);
                if (actor == null) {
                    throw new AuthorizationException("An approval of " + upgradeId
                            + " must be given by a known person: claim the task or call as an authenticated user.");
                }
                if (actor.equals(requester)) {
                    throw refusal(actor, upgradeId);
                }
            }
            default -> {
                // update, timeout, delete: nothing to check
            }
        }
    }

    /** A revoke of every permission on this task for the requester; the engine removes it with the task. */
    private static void shutOut(String requester, DelegateTask task) {
        AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
        Context.getCommandContext().runWithoutAuthorization(() -> {
            Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
            revoke.setUserId(requester);
            revoke.setResource(Resources.TASK);
            revoke.setResourceId(task.getId());
            revoke.removePermission(Permissions.ALL);
            return authorizations.saveAuthorization(revoke);
        });
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
