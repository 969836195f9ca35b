package io.upgradeorchestrator.rulechange;

import static io.upgradeorchestrator.rulechange.RuleChangeApprovalProcess.APPROVE;
import static io.upgradeorchestrator.rulechange.RuleChangeApprovalProcess.COMMENT;
import static io.upgradeorchestrator.rulechange.RuleChangeApprovalProcess.DECISION;
import static io.upgradeorchestrator.rulechange.RuleChangeApprovalProcess.REJECT;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.security.Groups;

/**
 * Four eyes on the rules: the process owner who submitted a rule change never decides on it. The submitter is
 * read from the rule change table, found by the process instance's business key (which only the server sets),
 * never from a variable. Enforced on assignment and on completion, inside the engine, so it holds for Tasklist,
 * REST and Java; an {@link AuthorizationException} reaches REST clients as 403. On completion it records who
 * decided, the decision and the comment.
 */
@Component("ruleChangeApprovalRule")
class RuleChangeApprovalRule implements TaskListener {

    private final RuleChangeStore store;

    RuleChangeApprovalRule(RuleChangeStore store) {
        this.store = store;
    }

    @Override
    public void notify(DelegateTask task) {
        String id = task.getExecution().getProcessBusinessKey();
        RuleChange change = store.find(id).orElseThrow(() -> new BadUserRequestException(
                "Rule change " + id + " does not exist"));
        if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
            if (change.submittedBy().equals(task.getAssignee())) {
                throw ownChange(change);
            }
            return;
        }
        Authentication caller = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String actor = caller == null ? null : caller.getUserId();
        if (actor == null) {
            throw new AuthorizationException("Rule change " + id + " must be decided by an authenticated process owner.");
        }
        if (actor.equals(change.submittedBy())) {
            throw ownChange(change);
        }
        List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        if (!groups.contains(Groups.PROCESS_OWNERS)) {
            throw new AuthorizationException(actor + " is not a process owner and cannot decide on rule change " + id + ".");
        }
        Object decision = task.getVariable(DECISION);
        if (!APPROVE.equals(decision) && !REJECT.equals(decision)) {
            throw new BadUserRequestException("Decide on rule change " + id + ": " + DECISION + " must be "
                    + APPROVE + " or " + REJECT + ", not " + decision);
        }
        Object comment = task.getVariable(COMMENT);
        String text = comment == null ? null : comment.toString().strip();
        if (text != null && text.length() > 2000) {
            text = text.substring(0, 2000);
        }
        if (!store.decide(id, APPROVE.equals(decision) ? RuleChange.Status.APPROVED : RuleChange.Status.REJECTED,
                actor, text)) {
            throw new BadUserRequestException("Rule change " + id + " has already been decided");
        }
    }

    private static AuthorizationException ownChange(RuleChange change) {
        return new AuthorizationException(change.submittedBy() + " submitted rule change " + change.id()
                + " and cannot approve it: a second process owner must decide on it.");
    }
}
