package io.upgradeorchestrator.verification;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER_DETAIL;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.variables.Summaries;
import io.upgradeorchestrator.identity.TaskActor;

/**
 * "Check manually" needs what was checked and a yes or no; a "no" needs the findings and becomes the rollback
 * trigger MANUAL_CHECK_FAILED. Enforced here because form validation runs only in the browser.
 */
@Component("manualChecksRule")
class ManualChecksRule implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String done = MANUAL_CHECKS_DONE.get(task);
        String findings = MANUAL_FINDINGS.get(task);
        Boolean ok = parse(task.getVariable(MANUAL_CHECKS_OK.name()));
        List<String> problems = new ArrayList<>();
        if (done == null || done.isBlank()) {
            problems.add("manualChecksDone: say what was checked");
        }
        if (ok == null) {
            problems.add("manualChecksOk: answer yes or no");
        } else if (!ok && (findings == null || findings.isBlank())) {
            problems.add("manualFindings: say what is wrong");
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException(String.join("; ", problems));
        }
        String actor = TaskActor.of(task);
        String who = actor == null ? "" : " by " + actor;
        String summary = (ok ? "Manual checks passed" : "Manual checks FAILED") + who + ": " + done.strip()
                + (findings == null || findings.isBlank() ? "" : ". Findings: " + findings.strip());
        summary = Summaries.fit(summary);
        MANUAL_CHECK_SUMMARY.set(task.getExecution(), summary);
        MANUAL_CHECKS_OK.set(task.getExecution(), ok);
        task.removeVariableLocal(MANUAL_CHECKS_OK.name());
        if (!ok) {
            VERIFICATION_PASSED.set(task.getExecution(), false);
            ROLLBACK_TRIGGER.set(task.getExecution(), Triggers.MANUAL_CHECK_FAILED);
            ROLLBACK_TRIGGER_DETAIL.set(task.getExecution(), summary);
        }
    }

    /** The form sends "yes" or "no"; the API may send a boolean. Anything else is no answer. */
    private static Boolean parse(Object value) {
        if (value instanceof Boolean answer) {
            return answer;
        }
        if (value instanceof String text) {
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "yes", "true" -> true;
                case "no", "false" -> false;
                default -> null;
            };
        }
        return null;
    }
}
