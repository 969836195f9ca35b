package io.upgradeorchestrator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.upgradeorchestrator.UpgradeOrchestratorApplication;
import io.upgradeorchestrator.rollout.UpgradeExecutionProcess;
import io.upgradeorchestrator.testing.RolloutFacts;
import io.upgradeorchestrator.worker.StepWorker;

/**
 * A real crash of a worker in a two-node cluster on PostgreSQL. Node A is a JVM of its own; its step worker takes the
 * final backups of an upgrade of two nodes (inventory-crash/crash.yaml, one step at a time), backs up crash-1 and is
 * killed with SIGKILL while the backup of crash-2 runs (no shutdown hook, no clean-up, its command dies with it, as
 * when its machine fails). Node B, in the test JVM, must then take the step over once node A's lock has expired
 * (a lock of 6 seconds, extended every second while node A lived), run the interrupted backup again at once (under
 * the step's lock the engine already made node B the only one running it), never run the completed backup of crash-1
 * again, and carry the upgrade on to its end; the backup of crash-2 must be done within twice the lock duration of
 * the crash. The runbook's commands count their runs in files under target/crash-test/.
 *
 * <p>Both nodes run the job executor and a step worker with the same settings, as a cluster would. Node B's worker
 * starts fetching only once node A holds the step; otherwise which node gets it first would be up to chance.
 */
@Tag("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCrashTest {

    private static final Path WORK = Path.of("target", "crash-test");
    private static final Duration LOCK_TIME = Duration.ofSeconds(5);
    /** The step lock: a dead worker's steps are free again at most this long after its last heartbeat. */
    private static final Duration STEP_LOCK = Duration.ofSeconds(6);
    private static final Duration STALE_AFTER = Duration.ofHours(1);
    private static final String UPGRADE_ID = "UPG-CRASH-1";

    private PostgresDatabase database;
    private ConfigurableApplicationContext nodeB;
    private Process nodeA;
    private final List<ProcessHandle> nodeATree = new ArrayList<>();

    @BeforeAll
    void startNodeB() throws IOException {
        database = PostgresDatabase.createOrSkip();
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        // node B first: it creates the schema and deploys; node A later finds both in place
        nodeB = new SpringApplicationBuilder(UpgradeOrchestratorApplication.class).profiles("postgres")
                .run(nodeArguments("node-b").toArray(String[]::new));
    }

    @AfterAll
    void stopNodes() throws Exception {
        try {
            killNodeA();
        } finally {
            try {
                if (nodeB != null) {
                    nodeB.close();
                }
            } finally {
                Files.deleteIfExists(hold("crash-2", "backup"));
                if (database != null) {
                    database.close();
                }
            }
        }
    }

    @Test
    void shouldFinishOnNodeBTheStepThatNodeADiedIn() throws Exception {
        Instant testStarted = Instant.now();
        ProcessEngine engineB = nodeB.getBean(ProcessEngine.class);
        Files.writeString(hold("crash-2", "backup"), "held until node A is dead\n");
        ProcessInstance execution = engineB.getRuntimeService()
                .startProcessInstanceByKey(UpgradeExecutionProcess.KEY, UPGRADE_ID, executionVariables());

        startNodeA();
        await("node A backs up crash-1, then runs the backup of crash-2").atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> nodeAIsAlive() && countLines(runs("crash-2", "backup")) == 1
                        && !rows("select id from action_run where upgrade_id = ? and target = 'crash-1'"
                        + " and action_name = 'verifyBackup' and status = 'SUCCEEDED'", UPGRADE_ID).isEmpty());
        Instant nodeABusy = Instant.now();
        Map<String, Object> abandoned = actionRun("crash-2", "backup");
        assertThat(abandoned.get("status")).as("the backup of crash-2 on node A").isEqualTo("STARTED");
        assertThat(actionRun("crash-1", "backup")).containsEntry("status", "SUCCEEDED").containsEntry("attempts", 1);
        assertThat(actionRun("crash-1", "verifyBackup")).containsEntry("status", "SUCCEEDED");
        org.camunda.bpm.engine.externaltask.ExternalTask lockedStep = engineB.getExternalTaskService()
                .createExternalTaskQuery().activityId(io.upgradeorchestrator.rollout.NodeBackupsProcess.Elements.BACK_UP_NODE).locked().list()
                .stream().filter(task -> "crash-2".equals(engineB.getRuntimeService()
                        .getVariable(task.getExecutionId(), "node"))).findFirst().orElseThrow();
        assertThat(lockedStep.getWorkerId()).as("node A's worker holds the step").isEqualTo("node-a");
        String stepId = lockedStep.getId();

        killNodeA();
        Instant crashed = Instant.now();
        Files.delete(hold("crash-2", "backup"));
        nodeB.getBean(StepWorker.class).startFetching();

        Task manualChecks = awaitManualChecks(engineB, execution.getId(), stepId);
        Instant carriedOn = Instant.now();

        // the step: completed by node B's worker; no failure reported, no incident
        assertThat(single("select count(*) as steps from act_ru_ext_task where id_ = ?", stepId))
                .containsEntry("steps", 0L);
        assertThat(engineB.getHistoryService().createHistoricExternalTaskLogQuery().externalTaskId(stepId)
                .successLog().singleResult().getWorkerId()).isEqualTo("node-b");
        assertThat(engineB.getHistoryService().createHistoricExternalTaskLogQuery().externalTaskId(stepId)
                .failureLog().count()).isZero();
        assertThat(engineB.getRuntimeService().createIncidentQuery().count()).isZero();

        // the actions: one row per key; the interrupted backup of crash-2 taken over and run to its end, once more,
        // within twice the lock duration of the crash; the completed backup of crash-1 never run again
        assertThat(rows("select idempotency_key, count(*) as n from action_run group by idempotency_key"
                + " having count(*) > 1")).isEmpty();
        Map<String, Object> rerun = actionRun("crash-2", "backup");
        assertThat(rerun).containsEntry("id", abandoned.get("id")).containsEntry("status", "SUCCEEDED")
                .containsEntry("attempts", 2);
        Instant rerunFinished = ((Timestamp) rerun.get("finished_at")).toInstant();
        assertThat(Duration.between(crashed, rerunFinished)).as("crash to the backup of crash-2 done by node B")
                .isLessThanOrEqualTo(STEP_LOCK.multipliedBy(2));
        assertThat(actionRun("crash-1", "backup")).containsEntry("status", "SUCCEEDED").containsEntry("attempts", 1);
        assertThat(actionRun("crash-1", "verifyBackup")).containsEntry("attempts", 1);
        assertThat(actionRun("crash-2", "verifyBackup")).containsEntry("status", "SUCCEEDED")
                .containsEntry("attempts", 1);
        assertThat(countLines(runs("crash-1", "backup"))).as("backups of crash-1 run on the target").isEqualTo(1);
        assertThat(countLines(runs("crash-2", "backup"))).as("backups of crash-2 run on the target (the interrupted"
                + " one and the one after the crash)").isEqualTo(2);

        // the upgrade went on: a verified final backup, both nodes upgraded once, at the manual checks
        Map<String, Object> variables = engineB.getRuntimeService().getVariables(execution.getId());
        assertThat(variables).containsEntry("finalBackupVerified", true);
        assertThat(rows("select node_id, status from rollout_node_result where upgrade_id = ? order by node_id",
                UPGRADE_ID)).extracting(row -> row.get("node_id") + " " + row.get("status"))
                .containsExactly("crash-1 UPGRADED", "crash-2 UPGRADED");
        assertThat(countLines(runs("crash-1", "upgrade"))).isEqualTo(1);
        assertThat(countLines(runs("crash-2", "upgrade"))).isEqualTo(1);

        engineB.getTaskService().claim(manualChecks.getId(), "oscar");
        engineB.getTaskService().complete(manualChecks.getId(), Map.of("manualChecksDone", "after the crash",
                "manualChecksOk", "yes"));
        await("the upgrade's execution ends").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> "COMPLETED".equals(engineB.getHistoryService().createHistoricProcessInstanceQuery()
                        .processInstanceId(execution.getId()).singleResult().getState()));
        assertThat(engineB.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(execution.getId()).variableName("executionOutcome").singleResult().getValue())
                .isEqualTo("COMPLETED");

        System.out.printf("Crash test: node A started and busy with the backup of crash-2 after %.1f s; killed;"
                        + " node B's worker finished that backup %.1f s after the crash (step lock %d s) and"
                        + " reached the manual checks %.1f s after the crash; whole test %.1f s%n",
                seconds(testStarted, nodeABusy), seconds(crashed, rerunFinished), STEP_LOCK.toSeconds(),
                seconds(crashed, carriedOn), seconds(testStarted, Instant.now()));
    }

    // --- the nodes --------------------------------------------------------------------------------------------

    /** The same settings on both nodes, as command-line arguments (they outrank application-postgres.yaml). */
    private List<String> nodeArguments(String name) {
        return List.of(
                "--spring.application.name=upgrade-orchestrator-" + name,
                "--server.port=0",
                // Engines register by name in a JVM-wide registry the REST API reads; other tests' engine is "default".
                "--camunda.bpm.process-engine-name=crash-" + name,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + PostgresDatabase.USER,
                "--spring.datasource.password=",
                "--camunda.bpm.admin-user.password=crash-test-admin",
                "--upgrade-orchestrator.demo-users.password=crash-test",
                // no webapps: closing a second application in this JVM would clear their JVM-wide state
                "--camunda.bpm.webapp.enabled=false",
                "--upgrade-orchestrator.mail.outbox=" + WORK.resolve("mail"),
                "--upgrade-orchestrator.inventory.location=classpath:inventory-crash/",
                "--upgrade-orchestrator.demo-target.provision=false",
                "--upgrade-orchestrator.demo-target.root=" + WORK.resolve("demo-target"),
                "--upgrade-orchestrator.backup.directory=" + WORK.resolve("backups"),
                "--upgrade-orchestrator.backup.scratch-directory=" + WORK.resolve("scratch"),
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
                "--camunda.bpm.job-execution.wait-time-in-millis=500",
                "--camunda.bpm.job-execution.max-wait=1000",
                // stale limit = max(stale-after, the step's timeout 15 s + kill grace 1 s + margin 1 s) = 20 s
                // a crash no longer waits for stale-after: the step's lock decides (kept at an hour to show it)
                "--upgrade-orchestrator.actions.stale-after=" + STALE_AFTER.toSeconds() + "s",
                "--upgrade-orchestrator.worker.id=" + name,
                // node B's worker is started by the test once node A holds the step
                "--upgrade-orchestrator.worker.enabled=" + name.equals("node-a"),
                "--upgrade-orchestrator.worker.lock-duration=" + STEP_LOCK.toSeconds() + "s",
                "--upgrade-orchestrator.worker.heartbeat-interval=1s",
                "--upgrade-orchestrator.actions.kill-grace=1s",
                "--upgrade-orchestrator.actions.stale-margin=1s");
    }

    private void startNodeA() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                UpgradeOrchestratorApplication.class.getName(),
                "--spring.profiles.active=postgres"));
        command.addAll(nodeArguments("node-a"));
        // Node A joins a cluster whose definitions node B has deployed. Started on the test JVM's class path (the
        // surefire booter's manifest), its own scan of classpath*:**/*.bpmn meets every diagram twice and the
        // engine refuses that deployment, which a node started from the application's jar never meets.
        command.add("--camunda.bpm.auto-deployment-enabled=false");
        nodeA = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(nodeALog().toFile()).start();
    }

    private boolean nodeAIsAlive() throws IOException {
        if (!nodeA.isAlive()) {
            throw new AssertionError("node A ended early with exit code " + nodeA.exitValue() + "; its log "
                    + nodeALog() + " ends with:\n" + tail(nodeALog(), 60));
        }
        nodeATree.addAll(nodeA.descendants().filter(child -> !nodeATree.contains(child)).toList());
        return true;
    }

    /** SIGKILL for node A's JVM, then for the commands it had started: what a machine failure leaves behind. */
    private void killNodeA() throws InterruptedException {
        if (nodeA == null) {
            return;
        }
        nodeATree.addAll(nodeA.descendants().toList());
        nodeA.destroyForcibly();
        if (!nodeA.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node A (pid " + nodeA.pid() + ") did not die");
        }
        nodeATree.forEach(ProcessHandle::destroyForcibly);
    }

    private Task awaitManualChecks(ProcessEngine engine, String executionId, String stepId) {
        try {
            await("node B carries the upgrade on to its manual checks").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        if (engine.getRuntimeService().createIncidentQuery().count() > 0) {
                            throw new AssertionError("incident: " + engine.getRuntimeService().createIncidentQuery()
                                    .list().get(0).getIncidentMessage());
                        }
                        return engine.getTaskService().createTaskQuery().processInstanceId(executionId)
                                .taskDefinitionKey(UpgradeExecutionProcess.Elements.CHECK_MANUALLY).count() == 1;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; the step " + stepId + " now: "
                    + rows("select retries_, worker_id_, lock_exp_time_, error_msg_ from act_ru_ext_task where id_ = ?",
                    stepId) + "; action runs: " + rows("select target, action_name, status, attempts, started_at"
                    + " from action_run where upgrade_id = ? order by started_at", UPGRADE_ID), e);
        }
        return engine.getTaskService().createTaskQuery().processInstanceId(executionId)
                .taskDefinitionKey(UpgradeExecutionProcess.Elements.CHECK_MANUALLY).singleResult();
    }

    private static Map<String, Object> executionVariables() {
        return RolloutFacts.lowRisk(UPGRADE_ID, "crash-test", "Crash test system", "1.0", 1, 2, 1);
    }

    // --- the database, read directly ----------------------------------------------------------------------------

    private Map<String, Object> actionRun(String node, String actionName) {
        return single("select id, status, attempts, started_at, finished_at from action_run where upgrade_id = ?"
                + " and target = ? and action_name = ?", UPGRADE_ID, node, actionName);
    }

    private Map<String, Object> single(String sql, Object... parameters) {
        List<Map<String, Object>> rows = rows(sql, parameters);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    private List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(database.url(), PostgresDatabase.USER, "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.put(result.getMetaData().getColumnLabel(column).toLowerCase(), result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    // --- files under target/crash-test ----------------------------------------------------------------------

    private static Path runs(String node, String step) {
        return WORK.resolve(node + "." + step + ".runs");
    }

    private static Path hold(String node, String step) {
        return WORK.resolve(node + "." + step + ".hold");
    }

    private static Path nodeALog() {
        return WORK.resolve("node-a.log");
    }

    private static long countLines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
    }

    private static String tail(Path file, int lines) throws IOException {
        if (!Files.exists(file)) {
            return "(no log)";
        }
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
