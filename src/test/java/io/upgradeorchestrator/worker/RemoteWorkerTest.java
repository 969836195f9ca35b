package io.upgradeorchestrator.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.upgradeorchestrator.UpgradeOrchestratorApplication;
import io.upgradeorchestrator.rollback.UpgradeRollbackProcess;
import io.upgradeorchestrator.rollout.NodeStatus;
import io.upgradeorchestrator.rollout.RolloutNodeResult;
import io.upgradeorchestrator.rollout.RolloutNodeResults;
import io.upgradeorchestrator.rollout.UpgradeExecutionProcess;
import io.upgradeorchestrator.testing.RolloutFacts;

/**
 * A remote worker against the running application: the application listens on a random port with its real
 * /engine-rest; the remote worker is a JVM of its own (the same classes, profile remote-worker) with its own account
 * (stepworker, group step-workers), its own action journal and the zone "berlin". The crash-test system has one
 * node in Berlin (crash-1, handed to the remote worker) and one in Munich (crash-2, left to the application's own
 * worker, driven by the test). Every step of crash-1 — final backup, the canary wave's upgrade and health check,
 * acceptance checks — is fetched and completed by the remote process, and its results arrive in the application's
 * rollout table and action record. The same holds for a rollback: the remote process rolls back its zone's node and
 * proves the old version is back, and the orchestrator records the node, its action runs and its configuration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "steps"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RemoteWorkerTest {

    private static final Path WORK = Path.of("target", "crash-test");
    private static final Path WORKER_DATA = Path.of("target", "remote-worker-test");
    private static final String WORKER_ID = "stepworker-berlin-" + ProcessHandle.current().pid();

    @DynamicPropertySource
    static void remoteZone(DynamicPropertyRegistry registry) {
        registry.add("upgrade-orchestrator.worker.remote-zones", () -> "berlin");
        // a database and engine of this context's own, apart from the other step tests' contexts
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:upgrade-orchestrator-remote;DB_CLOSE_DELAY=-1");
        registry.add("camunda.bpm.process-engine-name", () -> "remote");
    }

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    StepWorker worker;
    @Autowired
    RolloutNodeResults results;
    @Autowired
    JdbcTemplate jdbc;

    /** The remote worker whose life the test watches; {@link #workers} holds every one started. */
    private Process remote;
    private final List<Process> workers = new ArrayList<>();

    @BeforeEach
    void cleanWork() throws Exception {
        for (Path folder : List.of(WORK, WORKER_DATA)) {
            if (Files.exists(folder)) {
                try (Stream<Path> paths = Files.walk(folder)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(folder);
        }
    }

    @AfterEach
    void stopRemoteWorker() throws Exception {
        for (Process worker : workers) {
            if (worker.isAlive()) {
                worker.destroy();
                if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            }
        }
    }

    @Test
    void shouldLetARemoteWorkerProcessCompleteTheStepsOfItsZoneThroughTheEngineRestApi() throws Exception {
        startRemoteWorker();
        String upgradeId = "UPG-REMOTE-" + ProcessHandle.current().pid();
        ProcessInstance execution = engine.getRuntimeService().startProcessInstanceByKey(UpgradeExecutionProcess.KEY,
                upgradeId, RolloutFacts.lowRisk(upgradeId, "crash-test", "Crash test system", "1.0", 1, 2, 1));

        runUntilManualChecks(execution, Duration.ofMinutes(3));

        // the steps of crash-1 went to the zone's topics and were completed by the remote worker, the others here
        List<HistoricExternalTaskLog> completions = engine.getHistoryService().createHistoricExternalTaskLogQuery()
                .successLog().list().stream().filter(log -> upgradeId.equals(businessKeyOf(log))).toList();
        assertThat(completions).filteredOn(log -> log.getTopicName().endsWith(".berlin"))
                .extracting(HistoricExternalTaskLog::getTopicName)
                .containsExactlyInAnyOrder("runbook.backup.berlin", "runbook.upgrade.berlin", "runbook.health.berlin",
                        "runbook.acceptance.berlin");
        assertThat(completions).allSatisfy(log -> assertThat(log.getWorkerId())
                .isEqualTo(log.getTopicName().endsWith(".berlin") ? WORKER_ID : worker.workerId()));
        assertThat(completions).filteredOn(log -> !log.getTopicName().endsWith(".berlin")).hasSize(4);

        // what the remote worker found is in the application's tables
        RolloutNodeResult berlin = results.find(upgradeId, "crash-1").orElseThrow();
        assertThat(berlin.status()).isEqualTo(NodeStatus.UPGRADED);
        assertThat(berlin.summary()).startsWith("upgraded from 1.0 to 1.1: `bash src/test/resources/action/crash-step.sh");
        assertThat(berlin.backupLocation()).startsWith(WORKER_DATA.resolve("backups").toAbsolutePath().toString());
        Map<String, Object> backup = jdbc.queryForMap("select backup_verified, backup_sha256 from rollout_node_result"
                + " where upgrade_id = ? and node_id = 'crash-1'", upgradeId);
        assertThat(backup.get("BACKUP_VERIFIED")).isEqualTo(true);
        assertThat((String) backup.get("BACKUP_SHA256")).hasSize(64);
        List<Map<String, Object>> runs = jdbc.queryForList("select action_name, status, exit_code, summary from action_run"
                + " where upgrade_id = ? and target = 'crash-1' order by started_at", upgradeId);
        assertThat(runs).extracting(run -> run.get("ACTION_NAME")).contains("backup", "verifyBackup", "upgrade",
                "healthCheck", "acceptance: Still answers");
        assertThat(runs).allSatisfy(run -> assertThat(run.get("STATUS")).isEqualTo("SUCCEEDED"));
        assertThat(results.find(upgradeId, "crash-2").orElseThrow().status()).isEqualTo(NodeStatus.UPGRADED);

        // the programs ran once, on the remote worker's side, which keeps its own journal of them
        assertThat(lines(WORK.resolve("crash-1.upgrade.runs"))).hasSize(1);
        assertThat(lines(WORK.resolve("crash-1.backup.runs"))).hasSize(1);
        stopRemoteWorker();
        try (Connection journal = DriverManager.getConnection("jdbc:h2:file:" + WORKER_DATA.toAbsolutePath()
                .resolve("journal"), "sa", "");
             ResultSet rows = journal.createStatement().executeQuery("select count(*) from action_run where"
                     + " upgrade_id = '" + upgradeId + "' and target = 'crash-1' and status = 'SUCCEEDED'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(runs.size());
        }
        engine.getRuntimeService().deleteProcessInstance(execution.getId(), "test done");
    }

    @Test
    void shouldLetARemoteWorkerProcessRollBackTheNodeOfItsZone() throws Exception {
        startRemoteWorker();
        String upgradeId = "UPG-REMOTE-RB-" + ProcessHandle.current().pid();
        // both nodes in the canary wave; their health check never shows the target: the plan rolls back on its own
        Map<String, Object> facts = RolloutFacts.lowRisk(upgradeId, "remote-rollback", "Remote rollback system", "1.0",
                2, 2, 1);
        facts.put("rollbackAutomatic", true);
        ProcessInstance execution = engine.getRuntimeService().startProcessInstanceByKey(UpgradeExecutionProcess.KEY,
                upgradeId, facts);

        // then the users are told (by mail, which this context does not send): the waves' rollbacks are what counts
        runUntil(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(UpgradeRollbackProcess.NODE_ROLLBACKS_KEY).processInstanceBusinessKey(upgradeId)
                .completed().count() > 0 && engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(UpgradeRollbackProcess.NODE_ROLLBACKS_KEY).processInstanceBusinessKey(upgradeId)
                .count() == 0, upgradeId, "every wave rolled back", Duration.ofMinutes(3));

        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(execution.getId()).activityId(UpgradeExecutionProcess.Elements.RESTORE_AND_VERIFY).count())
                .as("the execution went the rollback's way").isPositive();
        // the rollback steps of rollback-1 went to the zone's topics and were completed by the remote worker
        List<HistoricExternalTaskLog> completions = engine.getHistoryService().createHistoricExternalTaskLogQuery()
                .successLog().list().stream().filter(log -> upgradeId.equals(businessKeyOf(log))).toList();
        assertThat(completions).filteredOn(log -> log.getTopicName().endsWith(".berlin"))
                .extracting(HistoricExternalTaskLog::getTopicName)
                .contains("runbook.rollback.berlin", "runbook.verify.berlin");
        assertThat(completions).allSatisfy(log -> assertThat(log.getWorkerId())
                .isEqualTo(log.getTopicName().endsWith(".berlin") ? WORKER_ID : worker.workerId()));
        assertThat(completions).extracting(HistoricExternalTaskLog::getTopicName)
                .contains("runbook.rollback", "runbook.verify");

        // what the remote worker found is in the application's tables, as for a node rolled back here
        for (String node : List.of("rollback-1", "rollback-2")) {
            RolloutNodeResult result = results.find(upgradeId, node).orElseThrow();
            assertThat(result.status()).isEqualTo(NodeStatus.ROLLED_BACK);
            assertThat(result.summary()).startsWith("rolled back (was UNHEALTHY): `bash src/test/resources/action/"
                    + "crash-step.sh target/crash-test/" + node + " rollback`");
            assertThat(result.rolledBackAt()).isNotNull();
            assertThat(lines(WORK.resolve(node + ".rollback.runs"))).as("rolled back once").hasSize(1);
            assertThat(jdbc.queryForList("select action_name from action_run where upgrade_id = ? and target = ?"
                    + " and status = 'SUCCEEDED'", String.class, upgradeId, node))
                    .contains("rollback", "healthCheck", "acceptance: Still answers", "configuration: Node settings");
            // its configuration before the change (read with its final backup) and after the rollback
            for (String phase : List.of("BEFORE", "AFTER_ROLLBACK")) {
                Map<String, Object> snapshot = jdbc.queryForMap("select status, content from config_snapshot where"
                        + " upgrade_id = ? and node_id = ? and phase = ?", upgradeId, node, phase);
                assertThat(snapshot.get("STATUS")).as(phase).isEqualTo("CAPTURED");
                assertThat((String) snapshot.get("CONTENT")).as(phase).contains("setting=1");
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from action_run where upgrade_id = ? and target = 'rollback-1'"
                + " and idempotency_key = ?", Integer.class, upgradeId, upgradeId + ":rollback:rollback-1:1"))
                .isEqualTo(1);
        engine.getRuntimeService().deleteProcessInstance(execution.getId(), "test done");
    }

    @Test
    void shouldLetAnotherRemoteWorkerFinishTheStepOfOneThatWasKilled() throws Exception {
        Duration lock = Duration.ofSeconds(6);
        // two workers of the zone, each with a journal of its own, both up before the step exists
        String secondId = WORKER_ID + "-second";
        Map<String, Process> zoneWorkers = Map.of(
                WORKER_ID, startReadyWorker(WORKER_ID, WORKER_DATA, lock, remoteLog()),
                secondId, startReadyWorker(secondId, WORKER_DATA.resolve("second"), lock,
                        Path.of("target", "remote-worker-test-second.log")));
        remote = zoneWorkers.get(WORKER_ID);
        Files.writeString(WORK.resolve("crash-1.backup.hold"), "held until its worker is dead\n");
        String upgradeId = "UPG-REMOTE-KILL-" + ProcessHandle.current().pid();
        ProcessInstance execution = engine.getRuntimeService().startProcessInstanceByKey(UpgradeExecutionProcess.KEY,
                upgradeId, RolloutFacts.lowRisk(upgradeId, "crash-test", "Crash test system", "1.0", 1, 2, 1));
        runUntil(() -> lines(WORK.resolve("crash-1.backup.runs")).size() == 1, upgradeId,
                "a worker running the backup of crash-1", Duration.ofMinutes(3));
        ExternalTask step = engine.getExternalTaskService().createExternalTaskQuery()
                .topicName("runbook.backup.berlin").locked().list().stream()
                .filter(task -> upgradeId.equals(task.getBusinessKey())).findFirst().orElseThrow();
        String holder = step.getWorkerId();
        String other = WORKER_ID.equals(holder) ? secondId : WORKER_ID;
        assertThat(zoneWorkers).containsKey(holder);

        // SIGKILL for the holder's JVM and the command it had started: what a machine failure leaves behind
        Process dying = zoneWorkers.get(holder);
        List<ProcessHandle> tree = dying.descendants().toList();
        dying.destroyForcibly();
        assertThat(dying.waitFor(30, TimeUnit.SECONDS)).isTrue();
        tree.forEach(ProcessHandle::destroyForcibly);
        Instant killed = Instant.now();
        Files.delete(WORK.resolve("crash-1.backup.hold"));
        remote = zoneWorkers.get(other);
        runUntil(() -> engine.getExternalTaskService().createExternalTaskQuery().externalTaskId(step.getId())
                .count() == 0, upgradeId, "the backup of crash-1 completed", lock.multipliedBy(4));

        HistoricExternalTaskLog completed = engine.getHistoryService().createHistoricExternalTaskLogQuery()
                .externalTaskId(step.getId()).successLog().singleResult();
        assertThat(completed.getWorkerId()).isEqualTo(other);
        Duration taken = Duration.between(killed, completed.getTimestamp().toInstant());
        assertThat(taken).as("from the kill to the step completed by the other worker")
                .isLessThanOrEqualTo(lock.multipliedBy(2));
        assertThat(engine.getHistoryService().createHistoricExternalTaskLogQuery().externalTaskId(step.getId())
                .failureLog().count()).isZero();
        // the other worker has a journal of its own: it ran the interrupted backup again, to its end
        assertThat(lines(WORK.resolve("crash-1.backup.runs"))).hasSize(2);
        Path otherData = other.equals(WORKER_ID) ? WORKER_DATA : WORKER_DATA.resolve("second");
        assertThat(results.find(upgradeId, "crash-1").orElseThrow().backupLocation())
                .startsWith(otherData.resolve("backups").toAbsolutePath().toString());
        assertThat(jdbc.queryForObject("select backup_verified from rollout_node_result where upgrade_id = ? and"
                + " node_id = 'crash-1'", Boolean.class, upgradeId)).isTrue();
        System.out.printf("Remote worker %s killed in the middle of a backup; %s completed it %.1f s later (step lock"
                + " %d s)%n", holder, other, taken.toMillis() / 1000.0, lock.toSeconds());
        engine.getRuntimeService().deleteProcessInstance(execution.getId(), "test done");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private void startRemoteWorker() throws Exception {
        remote = startRemoteWorker(WORKER_ID, WORKER_DATA, Duration.ofSeconds(10), remoteLog());
    }

    /** A remote worker that fetches steps by the time this returns. */
    private Process startReadyWorker(String id, Path data, Duration lock, Path log) throws Exception {
        Process started = startRemoteWorker(id, data, lock, log);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!String.join("\n", lines(log)).contains("Step worker " + id + " serves")) {
            if (!started.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("remote worker " + id + " did not start:\n" + tail(log, 60));
            }
            Thread.sleep(200);
        }
        return started;
    }

    private Process startRemoteWorker(String id, Path data, Duration lock, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                UpgradeOrchestratorApplication.class.getName(),
                "--spring.profiles.active=remote-worker",
                "--upgrade-orchestrator.remote-worker.engine-url=http://localhost:" + port + "/engine-rest/engine/remote",
                "--upgrade-orchestrator.remote-worker.user=stepworker",
                "--upgrade-orchestrator.remote-worker.data-directory=" + data.toAbsolutePath(),
                "--upgrade-orchestrator.inventory.location=classpath:inventory-crash/",
                "--upgrade-orchestrator.worker.id=" + id,
                "--upgrade-orchestrator.worker.zones=berlin",
                "--upgrade-orchestrator.worker.lock-duration=" + lock.toSeconds() + "s",
                "--upgrade-orchestrator.worker.heartbeat-interval=1s",
                "--upgrade-orchestrator.worker.poll-interval=200ms"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // the password from the environment, as in production (test-secret: application-test.yaml)
        builder.environment().put("UPGRADEORCHESTRATOR_REMOTEWORKER_PASSWORD", "test-secret");
        Process started = builder.start();
        workers.add(started);
        return started;
    }

    private static Path remoteLog() {
        return Path.of("target", "remote-worker-test.log");
    }

    /** Runs jobs here and this application's steps until "Check … manually" is open; the remote worker runs its own. */
    private void runUntilManualChecks(ProcessInstance execution, Duration atMost) throws Exception {
        runUntil(() -> engine.getTaskService().createTaskQuery().processInstanceId(execution.getId())
                .taskDefinitionKey(UpgradeExecutionProcess.Elements.CHECK_MANUALLY).count() > 0, execution.getBusinessKey(),
                "manual checks open", atMost);
    }

    /** Runs jobs here and this application's steps until {@code done}; the remote worker runs its own. */
    private void runUntil(BooleanSupplier done, String businessKey, String what, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!remote.isAlive()) {
                throw new AssertionError("the remote worker ended early (exit " + remote.exitValue() + "):\n"
                        + tail(remoteLog(), 60));
            }
            if (done.getAsBoolean()) {
                return;
            }
            List<Job> due = engine.getManagementService().createJobQuery().executable().list();
            for (Job job : due) {
                try {
                    engine.getManagementService().executeJob(job.getId());
                } catch (RuntimeException e) {
                    // a failing job counts down its retries; the assertions look at the outcome
                }
            }
            if (due.isEmpty() && worker.fetchAndStart(businessKey) == 0) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("not " + what + " after " + atMost + "; held here: " + worker.heldByTopic()
                + "; remote worker log:\n" + tail(remoteLog(), 60));
    }

    private String businessKeyOf(HistoricExternalTaskLog log) {
        var instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(log.getProcessInstanceId()).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String tail(Path file, int count) throws Exception {
        List<String> all = lines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
    }
}
