package io.upgradeorchestrator.monitoring;

import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.*;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.ROLLBACK_DECISION_OWNER;
import static io.upgradeorchestrator.variables.UpgradeVariables.BASELINE_PROBES;
import static io.upgradeorchestrator.variables.UpgradeVariables.OWNER_GROUP;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;

import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.security.Groups;
import io.upgradeorchestrator.variables.JsonText;

/**
 * Plans the monitoring period: when it ends (the engine's clock, so timers and tests agree), how often the probes
 * run, who decides on a breach, and what the probes are compared with.
 */
@Component("planMonitoring")
class PlanMonitoring implements JavaDelegate {

    private final InventoryService inventory;
    private final MonitoringProperties properties;

    PlanMonitoring(InventoryService inventory, MonitoringProperties properties) {
        this.inventory = inventory;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        MonitoringPlan plan = MonitoringPlan.of(ClockUtil.getCurrentTime().toInstant(),
                MONITORING_DURATION.get(execution), properties.defaultDuration(), properties.probeInterval());
        List<BaselineProbe> baseline = BaselineProbes.parse(JsonText.of(execution, BASELINE_PROBES.name()));

        Set<String> groups = new LinkedHashSet<>();
        groups.add(Groups.OPERATIONS);
        String owner = ROLLBACK_DECISION_OWNER.get(execution);
        groups.add(owner != null && !owner.isBlank() ? owner.strip() : OWNER_GROUP.require(execution));

        MONITORING_STARTED_AT.set(execution, Date.from(plan.startedAt()));
        MONITORING_ENDS_AT.set(execution, Date.from(plan.endsAt()));
        MONITORING_CYCLE.set(execution, plan.cycle());
        MONITORING_DECISION_GROUPS.set(execution, String.join(",", groups));
        MONITORING_DECISION_OPEN.set(execution, false);
        PROBE_ROUNDS.set(execution, 0);
        BREACH_ROUNDS.set(execution, 0);
        MONITORING_SUMMARY.set(execution, "Monitoring " + system.name() + " for " + plan.duration() + " until "
                + plan.endsAt() + ": " + system.runbook().monitoringProbes().size() + " probe(s) on "
                + system.nodesIn(Environment.PRODUCTION).size() + " production node(s), every " + plan.interval()
                + " (" + plan.rounds() + " rounds); "
                + (baseline.isEmpty() ? "no baseline was measured before the change, so the probes are compared with"
                + " their own thresholds only" : "compared with the baseline of " + baseline.size()
                + " probe(s) measured before the change and with the probes' thresholds")
                + (plan.note() == null ? "" : "; " + plan.note()) + ".");
    }
}
