package io.upgradeorchestrator.monitoring;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import io.upgradeorchestrator.testing.Upgrades;
import io.upgradeorchestrator.variables.Var;

/** Starts "Monitor upgrade" directly, as the main process would call it, and drives its timers. */
final class MonitoringTestSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 5000));

    private MonitoringTestSupport() {
    }

    static String newUpgradeId() {
        return String.format("UPG-2098-%04d", SEQUENCE.incrementAndGet() % 10000);
    }

    /** The variables the main process has when monitoring starts (finance-reports: one production node). */
    static Map<String, Object> variables(String upgradeId, String duration, List<Map<String, Object>> baseline) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("upgradeId", upgradeId);
        variables.put("requester", "rita");
        variables.put("systemId", "finance-reports");
        variables.put("systemName", "Finance reporting (internal)");
        variables.put("currentVersion", "8.2.0");
        variables.put("targetVersion", "8.2.1");
        variables.put("ownerGroup", "reporting-owners");
        variables.put("rollbackDecisionOwner", "reporting-owners");
        variables.put("rollbackSteps", "bash inventory/demo-runbook/rollback.sh …");
        variables.put("upgradeTitle", upgradeId + " Finance reporting 8.2.0 → 8.2.1");
        variables.put("taskPriority", 50);
        variables.put("monitoringDuration", duration);
        if (baseline != null) {
            variables.put("baselineProbes", Var.<Map<String, Object>>list("baselineProbes").typed(baseline));
        }
        return variables;
    }

    static ProcessInstance start(ProcessEngine engine, Upgrades upgrades, Map<String, Object> variables) {
        // a phase started on its own, as its call activity would start it
        return upgrades.asApplication(() -> engine.getRuntimeService()
                .createProcessInstanceByKey(UpgradeMonitoringProcess.KEY)
                .businessKey((String) variables.get("upgradeId")).setVariables(variables).execute());
    }

    /**
     * Runs due jobs one at a time, and the probe steps (external tasks of the called "Run probes on nodes") with the
     * application's worker, until none is left: a job may end the scope of another that was due at the same moment
     * (the period's end removes the probe timer), so each is looked up again.
     */
    static void runDueJobs(ProcessEngine engine, Upgrades upgrades, ProcessInstance instance) {
        upgrades.runJobs(instance);
    }

    static void passTimeAndRun(ProcessEngine engine, Upgrades upgrades, ProcessInstance instance, Duration duration) {
        upgrades.passTime(duration);
        runDueJobs(engine, upgrades, instance);
    }

    static Map<String, Object> baselineProbe(String name, long latencyMillis, double errorRatePercent) {
        Map<String, Object> probe = new HashMap<>();
        probe.put("name", name);
        probe.put("latencyMillis", latencyMillis);
        probe.put("errorRatePercent", errorRatePercent);
        return probe;
    }
}
