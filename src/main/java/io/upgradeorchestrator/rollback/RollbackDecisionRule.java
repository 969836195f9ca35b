package io.upgradeorchestrator.rollback;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLBACK_DECIDED_BY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLBACK_DECISION;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLBACK_REASON;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import io.upgradeorchestrator.identity.TaskActor;

/**
 * "Decide on rollback" is answered with ROLL_BACK or CONTINUE and a reason; the form's own validation runs only in
 * the browser, so the same rule is enforced here for every way of completing the task. Records who decided.
 */
@Component("rollbackDecisionRule")
class RollbackDecisionRule implements TaskListener {

    static final List<String> DECISIONS = List.of("ROLL_BACK", "CONTINUE");

    @Override
    public void notify(DelegateTask task) {
        String decision = ROLLBACK_DECISION.get(task);
        String reason = ROLLBACK_REASON.get(task);
        List<String> problems = new ArrayList<>();
        if (decision == null || !DECISIONS.contains(decision)) {
            problems.add("rollbackDecision: choose one of " + String.join(", ", DECISIONS) + ", was '" + decision + "'");
        }
        if (reason == null || reason.isBlank()) {
            problems.add("rollbackReason: say why (it goes into the upgrade record)");
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException(String.join("; ", problems));
        }
        String user = TaskActor.of(task);
        ROLLBACK_DECISION.set(task.getExecution(), decision);
        ROLLBACK_REASON.set(task.getExecution(), reason.strip());
        ROLLBACK_DECIDED_BY.set(task.getExecution(), user == null ? "unknown user" : user);
    }
}
