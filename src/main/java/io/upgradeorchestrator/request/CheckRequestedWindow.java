package io.upgradeorchestrator.request;

import static io.upgradeorchestrator.variables.UpgradeVariables.MINIMUM_LEAD_TIME;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUESTED_WINDOW_END;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUESTED_WINDOW_START;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_ACCEPTED;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_END;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_PROBLEM;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_TEXT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The requested window (first asked for, or re-planned) must be a real future window that starts no earlier
 * than the minimum lead time of the classification: an architecture change announced for tomorrow is refused,
 * an emergency fix is not.
 */
@Component("checkRequestedWindow")
class CheckRequestedWindow implements JavaDelegate {

    private final Clock clock;

    CheckRequestedWindow(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = clock.instant();
        List<FieldProblem> problems = new ArrayList<>();
        RequestedWindow window = RequestedWindow.check(REQUESTED_WINDOW_START.get(execution),
                REQUESTED_WINDOW_END.get(execution), now, problems);
        if (window != null) {
            Duration leadTime = Duration.parse(MINIMUM_LEAD_TIME.require(execution));
            Instant earliestStart = now.plus(leadTime);
            if (window.start().isBefore(earliestStart)) {
                problems.add(new FieldProblem("window.start", "starts before the minimum lead time of " + leadTime
                        + " for this kind of change allows; start at " + earliestStart + " or later"));
            }
            WINDOW_START.set(execution, Date.from(window.start()));
            WINDOW_END.set(execution, Date.from(window.end()));
            WINDOW_TEXT.set(execution, RequestVariables.readable(WINDOW_START.get(execution), WINDOW_END.get(execution)));
        }
        WINDOW_ACCEPTED.set(execution, problems.isEmpty());
        WINDOW_PROBLEM.set(execution, problems.isEmpty() ? null
                : problems.stream().map(FieldProblem::toString).collect(Collectors.joining("\n")));
    }
}
