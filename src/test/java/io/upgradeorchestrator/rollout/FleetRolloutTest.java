package io.upgradeorchestrator.rollout;

import io.upgradeorchestrator.testing.ProcessVariables;
import io.upgradeorchestrator.testing.RolloutFacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.upgradeorchestrator.worker.StepWorker;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A staged rollout over 1,000 production nodes with no-op runbook commands (inventory-fleet/fleet.yaml), in its own
 * application context and database. Every node's result lands in its own row of rollout_node_result; the process
 * must complete without a single incident. Prints how long it took; no timed assertion (shared build machines).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "fleet"})
// a second engine in the test JVM: closed right after, so the webapps of the shared test context never see it
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FleetRolloutTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    RolloutNodeResults results;
    @Autowired
    StepWorker worker;
    @Autowired
    RolloutProgress progress;

    @Test
    void shouldRollOutToAThousandNodesWithoutIncidents() throws InterruptedException {
        Map<String, Object> variables = RolloutFacts.lowRisk("UPG-FLEET-1", "fleet", "Point-of-sale fleet", "0.9, 1.0",
                10, 100, 5);

        Instant started = Instant.now();
        ProcessInstance execution = engine.getRuntimeService()
                .startProcessInstanceByKey(UpgradeExecutionProcess.KEY, "UPG-FLEET-1", variables);
        int jobs = runAllJobs();
        Task manualChecks = engine.getTaskService().createTaskQuery().processInstanceId(execution.getId())
                .taskDefinitionKey(UpgradeExecutionProcess.Elements.CHECK_MANUALLY).singleResult();
        assertThat(manualChecks).as("the rollout reached the manual checks").isNotNull();
        engine.getTaskService().claim(manualChecks.getId(), "oscar");
        engine.getTaskService().complete(manualChecks.getId(), Map.of("manualChecksDone", "spot checks in 3 stores",
                "manualChecksOk", "yes"));
        Duration took = Duration.between(started, Instant.now());
        System.out.printf("Fleet rollout: 1,000 nodes in %s waves, %d jobs (and the runbook steps on the worker), %.1f s%n",
                ProcessVariables.of(engine, execution).get(UpgradeExecutionProcess.WAVES_TOTAL), jobs, took.toMillis() / 1000.0);

        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(execution.getId())
                .singleResult().getState()).isEqualTo("COMPLETED");
        assertThat(ProcessVariables.of(engine, execution).get(UpgradeExecutionProcess.EXECUTION_OUTCOME))
                .isEqualTo("COMPLETED");
        List<RolloutNodeResult> rows = results.findByUpgradeId("UPG-FLEET-1");
        assertThat(rows).hasSize(1000).allMatch(row -> row.status() == NodeStatus.UPGRADED);
        // drift first: the canary wave and the first nodes of the plan are the ones on the older release
        assertThat(rows.subList(0, 10)).allMatch(row -> row.canary() && row.fromVersion().equals("0.9"));
        assertThat(rows.stream().mapToInt(RolloutNodeResult::wave).max().orElseThrow()).isEqualTo(11);
        // what operations see per wave: a canary wave of 10, ten waves of 99, every node done
        List<RolloutProgress.WaveProgress> waves = progress.of("UPG-FLEET-1");
        assertThat(waves).hasSize(11);
        assertThat(waves.get(0).canary()).isTrue();
        assertThat(waves.get(0).nodes()).isEqualTo(10);
        assertThat(waves).allSatisfy(wave -> {
            assertThat(wave.done()).isEqualTo(wave.nodes());
            assertThat(wave.runningSteps()).isEmpty();
        });
        assertThat(waves.stream().mapToInt(RolloutProgress.WaveProgress::nodes).sum()).isEqualTo(1000);
    }

    /**
     * Drives the job executor's work by hand (every executable job) and lets the application's step worker run the
     * runbook steps on its pool, until neither has anything left.
     */
    private int runAllJobs() throws InterruptedException {
        int executed = 0;
        for (int round = 0; round < 100_000; round++) {
            boolean idle = worker.held() == 0; // before looking: a step ending in between leaves a job behind
            List<Job> due = engine.getManagementService().createJobQuery().executable().listPage(0, 500);
            for (Job job : due) {
                engine.getManagementService().executeJob(job.getId());
                executed++;
            }
            int fetched = worker.fetchAndStart(null);
            if (due.isEmpty() && fetched == 0) {
                if (idle) {
                    return executed;
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("Jobs keep coming after " + executed + " jobs");
    }
}
