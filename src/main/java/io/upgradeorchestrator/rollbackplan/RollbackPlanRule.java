package io.upgradeorchestrator.rollbackplan;

import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.IRREVERSIBLE_MIGRATION;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks the submitted rollback plan (Tasklist validates only in the browser; REST and Java calls skip that),
 * normalises its types and writes the one-paragraph summary the approvers read.
 */
@Component("rollbackPlanRule")
class RollbackPlanRule implements TaskListener {

    private static final Pattern GROUP = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    static final int MAX_ROLLBACK_MINUTES = 7 * 24 * 60;

    @Override
    public void notify(DelegateTask task) {
        List<String> problems = new ArrayList<>();
        String owner = text(task, ROLLBACK_DECISION_OWNER.name());
        if (owner == null || !GROUP.matcher(owner).matches()) {
            problems.add("rollbackDecisionOwner: name the group that decides on rollback (lower-case group id), was '"
                    + owner + "'");
        }
        String triggers = required(task, ROLLBACK_TRIGGERS.name(), "say which conditions trigger a rollback", problems);
        String steps = required(task, ROLLBACK_STEPS.name(), "say exactly how the rollback is done", problems);
        String dataLoss = required(task, DATA_LOSS_WINDOW.name(),
                "say which data may be lost (or 'none' and why)", problems);
        Object minutesValue = task.getVariable(ROLLBACK_TIME_MINUTES.name());
        Integer minutes = null;
        if (minutesValue instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.longValue() >= 1 && number.longValue() <= MAX_ROLLBACK_MINUTES) {
            minutes = number.intValue();
        } else {
            problems.add("rollbackTimeMinutes: a whole number of minutes from 1 to " + MAX_ROLLBACK_MINUTES
                    + ", was '" + minutesValue + "'");
        }
        Object automaticValue = task.getVariable(ROLLBACK_AUTOMATIC.name());
        boolean forwardFixOnly = Boolean.TRUE.equals(IRREVERSIBLE_MIGRATION.get(task));
        if (!(automaticValue instanceof Boolean)) {
            problems.add("rollbackAutomatic: choose yes or no, was '" + automaticValue + "'");
        } else if (forwardFixOnly && (Boolean) automaticValue) {
            problems.add("rollbackAutomatic: the data migration is irreversible (forward fix only); a full restore "
                    + "of the backup is never started automatically");
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("The rollback plan is incomplete: " + String.join("; ", problems));
        }
        boolean automatic = (Boolean) automaticValue;
        // derived from the request, whatever the form sent
        FORWARD_FIX_ONLY.set(task.getExecution(), forwardFixOnly);
        ROLLBACK_TIME_MINUTES.set(task.getExecution(), minutes);
        ROLLBACK_AUTOMATIC.set(task.getExecution(), automatic);
        ROLLBACK_PLAN_SUMMARY.set(task.getExecution(), (forwardFixOnly ? "FORWARD FIX ONLY (irreversible data migration). "
                : "") + (automatic ? "Automatic rollback" : "Rollback decided by " + owner) + " when: "
                + oneLine(triggers) + ". Rollback takes about " + minutes + " min: " + oneLine(steps)
                + ". Data loss: " + oneLine(dataLoss) + ". Decision owner: " + owner + ".");
    }

    private static String required(DelegateTask task, String name, String what, List<String> problems) {
        String value = text(task, name);
        if (value == null) {
            problems.add(name + ": " + what);
        }
        return value;
    }

    private static String text(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        return value instanceof String text && !text.isBlank() ? text.strip() : null;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").replaceAll("[.]$", "");
    }
}
