package io.upgradeorchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.probes.ProbeMeasurements;
import io.upgradeorchestrator.rollout.Baseline;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.worker.StepInput;
import io.upgradeorchestrator.worker.StepOutcome;
import io.upgradeorchestrator.worker.StepTask;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * "Run probes on node" (topic {@code runbook.probe}) against the demo target's real health endpoint: one node's probes
 * of one round are sampled through the action layer, returned in the step's outcome and recorded by the orchestrator
 * as that node's rows; a step run again replaces its own rows and runs nothing twice; an unreachable node is a
 * measurement (100 % errors), not a failure. The judges read what the steps recorded.
 */
@ProcessTest
class ProbeNodeStepTest {

    private static final String NODE = "finance-reports-fra-1";

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @Autowired
    ProbeNodeStep step;
    @Autowired
    RecordProbeStep record;
    @Autowired
    ProbeMeasurements measurements;
    @Autowired
    Upgrades upgrades;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InventoryService inventory;
    @Autowired
    Baseline baseline;
    @Autowired
    ProbeMonitor monitor;

    @BeforeEach
    void freshDemoTarget() {
        upgrades.freshDemoTarget();
    }

    @Test
    void shouldRecordTheNodesMeasurementsOfTheRoundAndReplaceThemWhenRunAgain() {
        String upgradeId = MonitoringTestSupport.newUpgradeId();
        StepTask task = task(upgradeId, "pi-1:1", NODE);
        assertThat(step.topic()).isEqualTo(StepTopics.PROBE).isIn(StepTopics.ALL).isIn(StepTopics.ROUTED);

        run(task);

        List<ProbeMeasurements.Measurement> rows = measurements.ofRound(upgradeId, "pi-1:1");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.nodeId()).isEqualTo(NODE);
            assertThat(row.probe()).isEqualTo("Health answer");
            assertThat(row.errorRatePercent()).isZero();
            assertThat(row.samples()).isEqualTo(5);
            assertThat(row.medianLatencyMillis()).isNotNegative();
        });
        assertThat(actionRuns(upgradeId)).isEqualTo(5);

        // a retried step (or one another worker took over): the same rows, its samples answered from the record
        run(task);
        assertThat(measurements.ofRound(upgradeId, "pi-1:1")).containsExactlyElementsOf(rows);
        assertThat(actionRuns(upgradeId)).isEqualTo(5);
        // other rounds are apart
        assertThat(measurements.ofRound(upgradeId, "pi-1:2")).isEmpty();
    }

    @Test
    void shouldMeasureAnUnreachableNodeAsErrorsNotAsAFailure() throws Exception {
        String upgradeId = MonitoringTestSupport.newUpgradeId();
        Files.delete(upgrades.demoNode(NODE).resolve("current")); // the node answers 503

        run(task(upgradeId, "pi-2:1", NODE));

        assertThat(measurements.ofRound(upgradeId, "pi-2:1")).singleElement()
                .satisfies(row -> assertThat(row.errorRatePercent()).isEqualTo(100.0));
    }

    @Test
    void shouldMeasureTheBaselineUnderItsOwnRoundKey() {
        String upgradeId = MonitoringTestSupport.newUpgradeId();
        Map<String, Object> variables = variables(upgradeId, "run-1", ProbeMeasurements.BASELINE_ROUND, NODE);

        run(new StepTask("t-1", StepTopics.PROBE, NodeProbesProcess.Elements.RUN_PROBES_ON_NODE, "pi-3",
                upgradeId, variables, null));

        assertThat(measurements.ofRound(upgradeId, ProbeMeasurements.BASELINE_ROUND)).singleElement()
                .satisfies(row -> assertThat(row.nodeId()).isEqualTo(NODE));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM action_run WHERE upgrade_id = ? AND action_name ="
                + " 'probe: Health answer'", Integer.class, upgradeId)).isEqualTo(5);
    }

    @Test
    void shouldJudgeTheBaselineAndARoundFromTheRecordedMeasurements() {
        String upgradeId = MonitoringTestSupport.newUpgradeId();
        InventorySystem system = inventory.require("finance-reports");
        measurements.replace(upgradeId, ProbeMeasurements.BASELINE_ROUND, NODE,
                List.of(new ProbeMeasurements.Measurement(NODE, "Health answer", 40, 0, 5)));
        measurements.replace(upgradeId, "pi-5:1", NODE,
                List.of(new ProbeMeasurements.Measurement(NODE, "Health answer", 40, 100, 5)));

        Baseline.Result result = baseline.conclude(system, List.of(NODE),
                measurements.ofRound(upgradeId, ProbeMeasurements.BASELINE_ROUND));
        assertThat(result.probes()).containsExactly(new Baseline.ProbeBaseline("Health answer", 40, 0.0));
        assertThat(result.summary()).startsWith("Baseline before the change on " + NODE + ", 5 sample(s) per node:");

        ProbeRound round = monitor.judge(system, measurements.ofRound(upgradeId, "pi-5:1"),
                List.of(new BaselineProbe("Health answer", 40L, 0.0)));
        assertThat(round.withinLimits()).isFalse();
        assertThat(round.breaches()).singleElement().satisfies(breach -> assertThat(breach.problems())
                .anyMatch(problem -> problem.startsWith("error rate 100 % above the threshold")));
    }

    @Test
    void shouldRefuseToJudgeARoundWithoutANodesMeasurement() {
        String upgradeId = MonitoringTestSupport.newUpgradeId();
        InventorySystem system = inventory.require("finance-reports");

        // every step of a round has ended before its judge runs: a missing row is a defect, not "within limits"
        assertThatThrownBy(() -> monitor.judge(system, measurements.ofRound(upgradeId, "pi-6:1"), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No measurement of probe Health answer on "
                        + NODE);
        assertThatThrownBy(() -> baseline.conclude(system, List.of(NODE),
                measurements.ofRound(upgradeId, ProbeMeasurements.BASELINE_ROUND)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No baseline measurement");
    }

    @Test
    void shouldRefuseANodeThatIsNotAProductionNodeOfTheSystem() {
        String upgradeId = MonitoringTestSupport.newUpgradeId();
        assertThatThrownBy(() -> run(task(upgradeId, "pi-4:1", "billing-db-fra-1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not a production node");
        assertThat(measurements.ofRound(upgradeId, "pi-4:1")).isEmpty();
    }

    private int actionRuns(String upgradeId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM action_run WHERE upgrade_id = ? AND action_name ="
                + " 'monitoring probe: Health answer' AND target = ?", Integer.class, upgradeId, NODE);
    }

    /** What the worker performs and the orchestrator records on the step's completion. */
    @Test
    void shouldRefuseImpossibleMeasurementsFromAWorker() {
        // a worker's numbers feed the baseline and the monitoring: a negative error rate, one above 100 %, NaN or a
        // probe measured twice would hide a breach or poison the baseline of every node
        String upgradeId = MonitoringTestSupport.newUpgradeId();
        for (List<StepOutcome.Measurement> forged : List.of(
                List.of(new StepOutcome.Measurement("Health answer", 20, -1000, 5)),
                List.of(new StepOutcome.Measurement("Health answer", 20, 1e9, 5)),
                List.of(new StepOutcome.Measurement("Health answer", 20, Double.NaN, 5)),
                List.of(new StepOutcome.Measurement("Health answer", 20, 0, 5),
                        new StepOutcome.Measurement("Health answer", 20, 50, 5)))) {
            StepOutcome outcome = new StepOutcome(ProbeNodeStep.STEP, NODE, null, null, null, List.of(), forged,
                    List.of());
            assertThatThrownBy(() -> record.record(upgradeId, null, "pi-9:1", NODE, outcome))
                    .as("%s", forged).hasMessageContaining("is refused");
        }
        assertThat(measurements.ofRound(upgradeId, "pi-9:1")).isEmpty();
    }

    private void run(StepTask task) {
        StepOutcome outcome = step.perform(task);
        StepInput input = task.input();
        record.record(input.upgradeId(), input.runId(), input.probeRoundKey(), input.nodeId(), outcome);
    }

    private StepTask task(String upgradeId, String roundKey, String node) {
        return new StepTask("t-" + roundKey, StepTopics.PROBE, NodeProbesProcess.Elements.RUN_PROBES_ON_NODE, "pi",
                upgradeId, variables(upgradeId, null, roundKey, node), null);
    }

    /** The variables a worker fetches with a probe step: its input as the orchestrator prepares it from the inventory. */
    private Map<String, Object> variables(String upgradeId, String runId, String roundKey, String node) {
        Map<String, Object> variables = new HashMap<>();
        Node inventoryNode = inventory.require("finance-reports").nodes().stream()
                .filter(candidate -> candidate.id().equals(node)).findFirst().orElse(null);
        variables.put(StepVariables.INPUT, new StepInput(upgradeId, runId, "finance-reports", node,
                inventoryNode == null ? null : inventoryNode.host(), inventoryNode == null ? null : inventoryNode.site(),
                null, inventoryNode == null ? null : inventoryNode.version(), "8.2.1", null, null, null, roundKey).toJson());
        return variables;
    }
}
