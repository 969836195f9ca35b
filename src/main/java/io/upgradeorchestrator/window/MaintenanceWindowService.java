package io.upgradeorchestrator.window;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.upgradeorchestrator.inventory.Dependency;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;

/**
 * The rules of the maintenance window: long enough for everything including rollback, outside freeze and
 * blackout periods, outside the system's peak periods, and not at the same time as another upgrade of the system
 * or of a system connected to it.
 */
@Service
public class MaintenanceWindowService {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final InventoryService inventory;
    private final WindowPlanner planner;
    private final ChangeCalendar calendar;
    private final ScheduledUpgrades scheduledUpgrades;

    MaintenanceWindowService(InventoryService inventory, WindowPlanner planner, ChangeCalendar calendar,
                             ScheduledUpgrades scheduledUpgrades) {
        this.inventory = inventory;
        this.planner = planner;
        this.calendar = calendar;
        this.scheduledUpgrades = scheduledUpgrades;
    }

    /** The window plan of the system's upgrade, without looking at a particular window. */
    public WindowPlan plan(String systemId, Rollout rollout, Duration rehearsalUpgrade, Duration rehearsalRollback) {
        return planner.plan(inventory.require(systemId).runbook(), rollout, rehearsalUpgrade, rehearsalRollback);
    }

    public WindowAssessment assess(WindowRequest request) {
        InventorySystem system = inventory.require(request.systemId());
        WindowPlan plan = planner.plan(system.runbook(), request.rollout(), request.rehearsalUpgrade(),
                request.rehearsalRollback());
        List<WindowProblem> problems = new ArrayList<>();

        Duration length = Duration.between(request.start(), request.end());
        if (length.compareTo(plan.total()) < 0) {
            problems.add(new WindowProblem(WindowProblem.Kind.TOO_SHORT, "The window is "
                    + Durations.readable(length) + " long but the upgrade needs " + Durations.readable(plan.total())
                    + ", of which " + Durations.readable(plan.rollback()) + " to roll back (the window plan lists "
                    + "every part): extend it by at least " + Durations.readable(plan.total().minus(length)) + "."));
        }
        for (ChangeCalendar.FreezePeriod freeze : calendar.overlapping(request.start(), request.end())) {
            problems.add(new WindowProblem(WindowProblem.Kind.FREEZE, "The window falls into the change freeze '"
                    + freeze.name() + "' (" + UTC.format(freeze.start()) + " – " + UTC.format(freeze.end())
                    + " UTC): no upgrades then."));
        }
        PeakPeriodRule.check(system.peakPeriods(), request.start(), request.end())
                .forEach(reason -> problems.add(new WindowProblem(WindowProblem.Kind.PEAK_PERIOD, reason)));

        Map<String, String> related = related(system);
        ConflictRule.check(related, scheduledUpgrades.ofSystems(related.keySet(), request.upgradeId()),
                        request.start(), request.end())
                .forEach(reason -> problems.add(new WindowProblem(WindowProblem.Kind.CONFLICT, reason)));

        return new WindowAssessment(plan, problems, request.end().minus(plan.rollback()));
    }

    /** The system itself, the systems it depends on and the systems that depend on it, each described. */
    private Map<String, String> related(InventorySystem system) {
        Map<String, String> related = new LinkedHashMap<>();
        related.put(system.id(), "the same system (" + system.name() + ")");
        for (Dependency dependency : system.dependencies()) {
            related.putIfAbsent(dependency.systemId(), dependency.systemId() + ", which " + system.id()
                    + " depends on");
        }
        for (InventorySystem dependent : inventory.dependentsOf(system.id())) {
            related.putIfAbsent(dependent.id(), dependent.id() + ", which depends on " + system.id());
        }
        return related;
    }
}
