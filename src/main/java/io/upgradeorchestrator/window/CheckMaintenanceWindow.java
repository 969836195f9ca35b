package io.upgradeorchestrator.window;

import static io.upgradeorchestrator.assessment.AssessmentVariables.PRODUCTION_NODE_COUNT;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_ROLLBACK_MINUTES;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_UPGRADE_MINUTES;
import static io.upgradeorchestrator.variables.UpgradeVariables.CANARY_NODES;
import static io.upgradeorchestrator.variables.UpgradeVariables.MAX_PARALLEL_NODES;
import static io.upgradeorchestrator.variables.UpgradeVariables.MINIMUM_LEAD_TIME;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUESTED_WINDOW_END;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUESTED_WINDOW_START;
import static io.upgradeorchestrator.variables.UpgradeVariables.STAGED_ROLLOUT;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_END;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_TEXT;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.REQUIRED_WINDOW_MINUTES;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.ROLLBACK_DEADLINE;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.WINDOW_CONFIRMED;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.WINDOW_FITS;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.WINDOW_PLAN;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.WINDOW_PROBLEMS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.request.FieldProblem;
import io.upgradeorchestrator.request.RequestVariables;
import io.upgradeorchestrator.request.RequestedWindow;

/**
 * "Check maintenance window": the requested window (as first asked for, or re-planned) is parsed and checked
 * again like a new request (future, end after start, minimum lead time), then against the window rules. Without
 * assessment results the plan assumes the slowest rollout: a canary node, then one node at a time.
 */
@Component("checkMaintenanceWindow")
class CheckMaintenanceWindow implements JavaDelegate {

    private final MaintenanceWindowService windows;
    private final InventoryService inventory;
    private final Clock clock;

    CheckMaintenanceWindow(MaintenanceWindowService windows, InventoryService inventory, Clock clock) {
        this.windows = windows;
        this.inventory = inventory;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String systemId = SYSTEM_ID.require(execution);
        Rollout rollout = rollout(execution, systemId);
        Duration rehearsalUpgrade = minutes(REHEARSAL_UPGRADE_MINUTES.get(execution));
        Duration rehearsalRollback = minutes(REHEARSAL_ROLLBACK_MINUTES.get(execution));

        Instant now = clock.instant();
        List<FieldProblem> requestProblems = new ArrayList<>();
        RequestedWindow window = RequestedWindow.check(REQUESTED_WINDOW_START.get(execution),
                REQUESTED_WINDOW_END.get(execution), now, requestProblems);
        String leadTime = MINIMUM_LEAD_TIME.get(execution);
        if (window != null && leadTime != null && window.start().isBefore(now.plus(Duration.parse(leadTime)))) {
            requestProblems.add(new FieldProblem("window.start", "starts before the minimum lead time of " + leadTime
                    + " for this kind of change allows; start at " + now.plus(Duration.parse(leadTime)) + " or later"));
        }
        List<String> problems = new ArrayList<>(requestProblems.stream().map(FieldProblem::toString).toList());

        WindowPlan plan;
        if (window == null) {
            plan = windows.plan(systemId, rollout, rehearsalUpgrade, rehearsalRollback);
            ROLLBACK_DEADLINE.set(execution, null);
        } else {
            WindowAssessment assessment = windows.assess(new WindowRequest(UPGRADE_ID.get(execution), systemId,
                    window.start(), window.end(), rollout, rehearsalUpgrade, rehearsalRollback));
            plan = assessment.plan();
            assessment.problems().forEach(problem -> problems.add(problem.reason()));
            WINDOW_START.set(execution, Date.from(window.start()));
            WINDOW_END.set(execution, Date.from(window.end()));
            WINDOW_TEXT.set(execution, RequestVariables.readable(WINDOW_START.get(execution), WINDOW_END.get(execution)));
            ROLLBACK_DEADLINE.set(execution, Date.from(assessment.rollbackDeadline()));
        }
        REQUIRED_WINDOW_MINUTES.set(execution, plan.totalMinutes());
        WINDOW_PLAN.set(execution, plan.readable());
        WINDOW_FITS.set(execution, problems.isEmpty());
        WINDOW_PROBLEMS.set(execution, problems.isEmpty() ? null : String.join("\n", problems));
        WINDOW_CONFIRMED.set(execution, false);
    }

    private Rollout rollout(DelegateExecution execution, String systemId) {
        Integer nodes = PRODUCTION_NODE_COUNT.get(execution);
        if (nodes == null) {
            nodes = inventory.require(systemId).nodesIn(Environment.PRODUCTION).size();
        }
        return new Rollout(nodes, CANARY_NODES.get(execution, 1), MAX_PARALLEL_NODES.get(execution, 1),
                STAGED_ROLLOUT.get(execution, true));
    }

    private static Duration minutes(Integer minutes) {
        return minutes == null ? null : Duration.ofMinutes(minutes);
    }
}
