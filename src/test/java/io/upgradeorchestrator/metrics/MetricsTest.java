package io.upgradeorchestrator.metrics;

import static io.upgradeorchestrator.variables.UpgradeVariables.PHASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionRequest;
import io.upgradeorchestrator.action.ActionRunner;
import io.upgradeorchestrator.action.CommandSpec;
import io.upgradeorchestrator.rollout.NodeBackupsProcess;
import io.upgradeorchestrator.rollout.UpgradeExecutionProcess;
import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.RolloutFacts;
import io.upgradeorchestrator.testing.Upgrades;

/** Operations' Prometheus endpoint: who may read it, and that its figures follow what the engine holds. */
@ProcessTest
class MetricsTest {

    private static final String METRICS = "/actuator/prometheus";

    @LocalServerPort
    int port;
    @Autowired
    Upgrades upgrades;
    @Autowired
    UpgradeGauges gauges;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ActionRunner actions;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void shouldServeMetricsOnlyToOperationsAndAdmins() {
        assertThat(http.get(null, METRICS).status()).isEqualTo(401);
        assertThat(http.get("rita", METRICS).status()).isEqualTo(403);
        assertThat(http.get("paula", METRICS).status()).isEqualTo(403);
        assertThat(http.get("oscar", METRICS).status()).isEqualTo(200);
        assertThat(http.get("admin", METRICS).status()).isEqualTo(200);
    }

    @Test
    void shouldReportHealthyWithoutCredentialsWhateverTheMailServerDoes() {
        // no SMTP server answers while this class runs: mail is retried by jobs, it never makes the application DOWN
        Http.Reply health = http.get(null, "/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldCountRunbookStepsWaitingForAWorkerByTopic() {
        gauges.refresh();
        double before = gauge(scrape(), "upgrade_orchestrator_steps_waiting", "topic=\"runbook.backup\"");

        // a rollout of the three billing-portal nodes up to their final backups, which no worker has taken yet
        String upgradeId = "UPG-METRICS-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> facts = RolloutFacts.lowRisk(upgradeId, "billing-portal", "Billing portal", "4.8.2", 1, 3, 1);
        facts.put("targetVersion", "4.9.0");
        ProcessInstance execution = engine.getRuntimeService().startProcessInstanceByKey(UpgradeExecutionProcess.KEY,
                upgradeId, facts);
        try {
            upgrades.runUntil(execution, NodeBackupsProcess.Elements.BACK_UP_NODE);
            gauges.refresh();

            assertThat(gauge(scrape(), "upgrade_orchestrator_steps_waiting", "topic=\"runbook.backup\""))
                    .isEqualTo(before + 3);
            assertThat(gauge(scrape(), "upgrade_orchestrator_steps_running", "topic=\"runbook.backup\""))
                    .isZero();
        } finally {
            engine.getRuntimeService().deleteProcessInstance(execution.getId(), "test done");
        }
    }

    @Test
    void shouldCountRunningUpgradesByPhase() {
        gauges.refresh();
        double before = gauge(scrape(), "upgrade_orchestrator_upgrades_active", "phase=\"ASSESS\"");

        // started and waiting for its asynchronous inventory snapshot: in phase ASSESS
        ProcessInstance upgrade = upgrades.start("rita", Upgrades.request("finance-reports", "8.2.1", "PERFORMANCE"));
        gauges.refresh();

        assertThat(upgrades.variable(upgrade, PHASE)).isEqualTo("ASSESS");
        assertThat(gauge(scrape(), "upgrade_orchestrator_upgrades_active", "phase=\"ASSESS\"")).isEqualTo(before + 1);
    }

    @Test
    void shouldCountActionRunsByKindAndOutcome() {
        String metrics = scrape();
        double succeeded = gauge(metrics, "upgrade_orchestrator_action_runs_seconds_count", "kind=\"COMMAND\",outcome=\"SUCCEEDED\"");
        double failed = gauge(metrics, "upgrade_orchestrator_action_runs_seconds_count", "kind=\"COMMAND\",outcome=\"FAILED\"");

        run(CommandSpec.of("true"));
        run(CommandSpec.of("false"));
        ActionRequest once = request(CommandSpec.of("true"));
        actions.run(once);
        actions.run(once); // answered from its record: nothing ran, nothing counted

        metrics = scrape();
        assertThat(gauge(metrics, "upgrade_orchestrator_action_runs_seconds_count", "kind=\"COMMAND\",outcome=\"SUCCEEDED\""))
                .isEqualTo(succeeded + 2);
        assertThat(gauge(metrics, "upgrade_orchestrator_action_runs_seconds_count", "kind=\"COMMAND\",outcome=\"FAILED\""))
                .isEqualTo(failed + 1);
    }

    private void run(CommandSpec command) {
        actions.run(request(command));
    }

    private static ActionRequest request(CommandSpec command) {
        ActionContext context = new ActionContext("UPG-METRICS", "finance-reports", "finance-reports-test-1", null,
                "8.2.0", "8.2.1", null, null);
        return new ActionRequest("metrics-" + UUID.randomUUID(), "UPG-METRICS", "finance-reports-test-1",
                "metrics check", command, context, null);
    }

    private String scrape() {
        Http.Reply reply = http.get("oscar", METRICS);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    /** The sample's value, 0 when the series is absent (a phase nobody stands in is not reported). */
    private static double gauge(String metrics, String name, String labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(labels)
                + "[^}]*\\} (\\S+)$").matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
