package io.upgradeorchestrator.upgrade;

import static io.upgradeorchestrator.variables.UpgradeVariables.REPLAN_DECISION;

import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** An incompatible upgrade is either re-planned (and checked again from the start) or cancelled; nothing else. */
@Component("replanDecisionRule")
class ReplanDecisionRule implements TaskListener {

    static final Set<String> CHOICES = Set.of("REPLAN", "CANCEL");

    @Override
    public void notify(DelegateTask task) {
        String decision = REPLAN_DECISION.get(task);
        if (decision == null || !CHOICES.contains(decision)) {
            throw new BadUserRequestException("replanDecision: choose REPLAN or CANCEL, was '" + decision + "'");
        }
    }
}
