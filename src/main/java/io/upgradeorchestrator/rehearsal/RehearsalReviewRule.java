package io.upgradeorchestrator.rehearsal;

import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_REVIEW_DECISION;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** After a failed rehearsal the requester re-plans or cancels; approving an upgrade that failed rehearsal is not offered. */
@Component("rehearsalReviewRule")
class RehearsalReviewRule implements TaskListener {

    static final List<String> DECISIONS = List.of("REPLAN", "CANCEL");

    @Override
    public void notify(DelegateTask task) {
        String decision = REHEARSAL_REVIEW_DECISION.get(task);
        if (decision == null || !DECISIONS.contains(decision)) {
            throw new BadUserRequestException("rehearsalReviewDecision: choose one of " + String.join(", ", DECISIONS)
                    + ", was '" + decision + "'");
        }
    }
}
