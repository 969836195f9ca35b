package io.upgradeorchestrator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import io.upgradeorchestrator.rollout.NodeStatus;
import io.upgradeorchestrator.rollout.RolloutNodeResult;
import io.upgradeorchestrator.rollout.RolloutNodeResults;
import io.upgradeorchestrator.rollout.RolloutProgress;
import io.upgradeorchestrator.rollout.UpgradeExecutionProcess;
import io.upgradeorchestrator.testing.RolloutFacts;

/**
 * The runbook-step worker with real programs: the crash-test system (two nodes, inventory-crash/crash.yaml), whose
 * steps count their runs in files and can be held (src/test/resources/action/crash-step.sh). A step lock of 3 s,
 * a heartbeat every 0.5 s and one attempt per step (application-steps.yaml). Jobs are run by the test, steps by the
 * application's worker on its own threads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "steps"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StepWorkerTest {

    /** The prefix the crash-test runbook writes to (inventory-crash/crash.yaml). */
    private static final Path WORK = Path.of("target", "crash-test");

    @Autowired
    ProcessEngine engine;
    @Autowired
    StepWorker worker;
    @Autowired
    RolloutNodeResults results;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RolloutProgress progress;

    private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void cleanWork() throws Exception {
        if (Files.exists(WORK)) {
            try (Stream<Path> paths = Files.walk(WORK)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(WORK);
    }

    @Test
    void shouldRunAStepThatOutlivesItsLockOnceWhileTheHeartbeatExtendsTheLock() throws Exception {
        Files.writeString(hold("crash-1", "backup"), "held for three lock durations\n");
        ProcessInstance execution = start(RolloutFacts.lowRisk(nextId(), "crash-test", "Crash test system", "1.0", 1, 2, 1));
        Instant started = Instant.now();
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(9_000);
                Files.deleteIfExists(hold("crash-1", "backup"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        release.start();
        runJobsAndSteps(execution, Duration.ofSeconds(90));
        release.join();

        assertThat(Duration.between(started, Instant.now())).isGreaterThan(Duration.ofSeconds(9));
        assertThat(lines(runs("crash-1", "backup"))).as("the held backup ran once, not again after 3 s").hasSize(1);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(execution.getId())
                .taskDefinitionKey(UpgradeExecutionProcess.Elements.CHECK_MANUALLY).count()).isEqualTo(1);
        List<HistoricExternalTaskLog> backups = engine.getHistoryService().createHistoricExternalTaskLogQuery()
                .activityIdIn(io.upgradeorchestrator.rollout.NodeBackupsProcess.Elements.BACK_UP_NODE).list().stream()
                .filter(log -> instanceIds(execution).contains(log.getProcessInstanceId())).toList();
        assertThat(backups).filteredOn(HistoricExternalTaskLog::isFailureLog).isEmpty();
        assertThat(backups).filteredOn(HistoricExternalTaskLog::isSuccessLog).hasSize(2)
                .allSatisfy(log -> assertThat(log.getWorkerId()).isEqualTo(worker.workerId()));
        assertThat(jdbc.queryForObject("select attempts from action_run where upgrade_id = ? and target = 'crash-1'"
                + " and action_name = 'backup'", Integer.class, execution.getBusinessKey())).isEqualTo(1);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceIdIn(instanceIds(execution).toArray(String[]::new))
                .variableName(StepVariables.OUTCOME).count())
                .as("outcomes are transient: recorded in the orchestrator's tables, not stored per step by the engine")
                .isZero();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceIdIn(instanceIds(execution).toArray(String[]::new))
                .variableNameIn("loopCounter", "nrOfCompletedInstances", StepVariables.NODE, StepVariables.INPUT).count())
                .as("per-node bookkeeping keeps no variable history").isZero();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceIdIn(instanceIds(execution).toArray(String[]::new))
                .variableName(StepVariables.UPGRADE_ID).count()).as("the phases' own variables keep theirs").isPositive();
    }

    @Test
    void shouldStopANodeStillUpgradingWhenItsWaveStopsAndRollItBack() throws Exception {
        // one wave of both nodes; crash-2's upgrade fails at once (its run counter cannot be written), crash-1's is
        // held: the failure threshold (1) stops the wave while crash-1 still upgrades
        Files.createDirectories(runs("crash-2", "upgrade"));
        Files.writeString(hold("crash-1", "upgrade"), "held until killed\n");
        Map<String, Object> facts = RolloutFacts.lowRisk(nextId(), "crash-test", "Crash test system", "1.0", 1, 2, 1);
        facts.put("stagedRollout", false);
        facts.put("rollbackAutomatic", true);
        ProcessInstance execution = start(facts);
        Instant started = Instant.now();
        runJobsAndSteps(execution, Duration.ofSeconds(90));
        Duration took = Duration.between(started, Instant.now());

        assertThat(took).as("killed, not waited for (the hold lasts a minute)").isLessThan(Duration.ofSeconds(45));
        List<String> upgradeRuns = lines(runs("crash-1", "upgrade"));
        assertThat(upgradeRuns).hasSize(1);
        long pid = Long.parseLong(upgradeRuns.get(0).split(" ")[1]);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("crash-1's upgrade program")
                .isFalse();
        Map<String, Object> upgrade = jdbc.queryForMap("select status, summary from action_run where upgrade_id = ?"
                + " and target = 'crash-1' and action_name = 'upgrade'", execution.getBusinessKey());
        assertThat(upgrade.get("STATUS")).isEqualTo("ERROR");
        assertThat((String) upgrade.get("SUMMARY")).contains("was cancelled", "killed");

        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(execution.getId())
                .list().stream().filter(variable -> variable.getName().equals("rollbackTrigger"))
                .map(variable -> variable.getValue()).toList()).as("variables: %s", engine.getHistoryService()
                .createHistoricVariableInstanceQuery().processInstanceId(execution.getId()).list().stream()
                .map(variable -> variable.getName() + "=" + variable.getValue()).toList())
                .containsExactly("FAILURE_THRESHOLD");
        // the half-upgraded node was recorded CANCELLED, so its rollback covered it
        assertThat(jdbc.queryForObject("select count(*) from action_run where upgrade_id = ? and target = 'crash-1'"
                + " and action_name = 'rollback'", Integer.class, execution.getBusinessKey())).isEqualTo(1);
        assertThat(results.findByUpgradeId(execution.getBusinessKey())).extracting(RolloutNodeResult::status)
                .containsOnly(NodeStatus.ROLLED_BACK);
        // (the crash-test health check answers the target release, so "Verify old version" asks for a person)
        engine.getRuntimeService().deleteProcessInstance(execution.getId(), "test done");
    }

    @Test
    void shouldShowTheRunningStepPerWaveAndKillItWhenTheUpgradeIsCancelled() throws Exception {
        // canary wave of crash-1, whose upgrade is held: the progress shows it running; an operator then cancels the
        // upgrade (deletes its instance, as Cockpit does): the program is killed and the node recorded CANCELLED
        Files.writeString(hold("crash-1", "upgrade"), "held until killed\n");
        ProcessInstance execution = start(RolloutFacts.lowRisk(nextId(), "crash-test", "Crash test system", "1.0", 1, 2, 1));
        runUntil(execution, () -> lines(runs("crash-1", "upgrade")).size() == 1, Duration.ofSeconds(60));

        List<RolloutProgress.WaveProgress> waves = progress.of(execution.getBusinessKey());
        assertThat(waves).extracting(RolloutProgress.WaveProgress::wave, RolloutProgress.WaveProgress::canary,
                RolloutProgress.WaveProgress::nodes, RolloutProgress.WaveProgress::waiting,
                RolloutProgress.WaveProgress::running, RolloutProgress.WaveProgress::done)
                .containsExactly(tuple(1, true, 1, 0, 1, 0), tuple(2, false, 1, 1, 0, 0));
        RolloutProgress.RunningStep step = waves.get(0).runningSteps().get(0);
        assertThat(step.node()).isEqualTo("crash-1");
        assertThat(step.step()).isEqualTo("upgrade");
        assertThat(step.worker()).isEqualTo(worker.workerId());

        long pid = Long.parseLong(lines(runs("crash-1", "upgrade")).get(0).split(" ")[1]);
        Instant cancelled = Instant.now();
        engine.getRuntimeService().deleteProcessInstance(execution.getId(), "cancelled by operations");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (worker.held() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(worker.held()).as("the worker let go of the cancelled step").isZero();
        assertThat(Duration.between(cancelled, Instant.now())).as("killed, not waited for (the hold lasts a minute)")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("crash-1's upgrade program")
                .isFalse();
        assertThat(results.find(execution.getBusinessKey(), "crash-1")).get()
                .extracting(RolloutNodeResult::status).isEqualTo(NodeStatus.CANCELLED);
        assertThat(jdbc.queryForObject("select summary from action_run where upgrade_id = ? and target = 'crash-1'"
                + " and action_name = 'upgrade'", String.class, execution.getBusinessKey())).contains("was cancelled");
        assertThat(progress.of(execution.getBusinessKey()).get(0).cancelled()).isEqualTo(1);
    }

    @Test
    void shouldReportAStepThatCouldNotRunWithTheActionsSummaryAndRaiseAnIncident() throws Exception {
        // crash-1's upgrade is held past its 15 s timeout: killed, "could not run" (one attempt in this profile)
        Files.writeString(hold("crash-1", "upgrade"), "held past the timeout\n");
        ProcessInstance execution = start(RolloutFacts.lowRisk(nextId(), "crash-test", "Crash test system", "1.0", 1, 2, 1));
        runJobsAndSteps(execution, Duration.ofSeconds(90));

        List<Incident> incidents = engine.getRuntimeService().createIncidentQuery().incidentType("failedExternalTask")
                .list().stream().filter(incident -> instanceIds(execution).contains(incident.getProcessInstanceId()))
                .filter(incident -> incident.getId().equals(incident.getRootCauseIncidentId())).toList();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).getActivityId()).isEqualTo("Task_UpgradeNode");
        assertThat(incidents.get(0).getIncidentMessage()).contains("crash-step.sh", "crash-1", "timed out after 15");
        String details = engine.getExternalTaskService().getExternalTaskErrorDetails(
                incidents.get(0).getConfiguration());
        assertThat(details).contains("timed out after 15");
        assertThat(lines(runs("crash-1", "upgrade"))).hasSize(1);
        engine.getRuntimeService().deleteProcessInstance(execution.getId(), "test done");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private ProcessInstance start(Map<String, Object> variables) {
        return engine.getRuntimeService().startProcessInstanceByKey(UpgradeExecutionProcess.KEY,
                (String) variables.get("upgradeId"), variables);
    }

    private List<String> instanceIds(ProcessInstance execution) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(execution.getBusinessKey()).list().stream().map(instance -> instance.getId())
                .toList();
    }

    private String nextId() {
        return "UPG-STEPS-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    /** Runs due jobs here and steps on the worker until the condition holds. */
    private void runUntil(ProcessInstance execution, Check condition, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached after " + atMost + ": " + worker.heldByTopic());
            }
            for (Job job : engine.getManagementService().createJobQuery().executable().list()) {
                try {
                    engine.getManagementService().executeJob(job.getId());
                } catch (RuntimeException e) {
                    // a failing job counts down its retries; the test looks at the outcome
                }
            }
            worker.fetchAndStart(execution.getBusinessKey());
            Thread.sleep(20);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** Runs due jobs here and steps on the worker until neither has anything left (or the time is up). */
    private void runJobsAndSteps(ProcessInstance execution, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            boolean idle = worker.held() == 0;
            List<Job> due = engine.getManagementService().createJobQuery().executable().list();
            for (Job job : due) {
                try {
                    engine.getManagementService().executeJob(job.getId());
                } catch (RuntimeException e) {
                    // a failing job counts down its retries; the test looks at the outcome
                }
            }
            int fetched = worker.fetchAndStart(execution.getBusinessKey());
            if (due.isEmpty() && fetched == 0) {
                if (idle) {
                    return;
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("still running after " + atMost + ": " + worker.heldByTopic());
    }

    private static Path runs(String node, String step) {
        return WORK.resolve(node + "." + step + ".runs");
    }

    private static Path hold(String node, String step) {
        return WORK.resolve(node + "." + step + ".hold");
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }
}
