package io.upgradeorchestrator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
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

/**
 * Two application nodes on one real PostgreSQL database, each with its step worker and job executor running, as a
 * cluster runs: the runbook steps of one rollout are shared between the nodes' workers (each may run one step at a
 * time here, so while one node's worker runs a held step the other node's takes the next), every step runs once,
 * and the rollout reaches its manual checks whichever node picks up the jobs.
 */
@Tag("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresClusterWorkersTest {

    /** The prefix the crash-test runbook writes to (inventory-crash/crash.yaml). */
    private static final Path WORK = Path.of("target", "crash-test");

    private PostgresDatabase database;
    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;

    @BeforeAll
    void startTwoNodes() throws Exception {
        database = PostgresDatabase.createOrSkip();
        if (Files.exists(WORK)) {
            try (Stream<Path> paths = Files.walk(WORK)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(WORK);
        nodeA = node("node-a");
        nodeB = node("node-b");
    }

    @AfterAll
    void stopNodes() throws Exception {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void shouldShareTheStepsOfOneRolloutBetweenTheWorkersOfBothNodes() throws Exception {
        // both backups are held: a worker that took one is busy (one step at a time), so the other goes to the other
        // node
        List<Path> holds = List.of(WORK.resolve("crash-1.backup.hold"), WORK.resolve("crash-2.backup.hold"));
        for (Path hold : holds) {
            Files.writeString(hold, "held until both nodes run a backup\n");
        }
        ProcessEngine engineA = nodeA.getBean(ProcessEngine.class);
        ProcessEngine engineB = nodeB.getBean(ProcessEngine.class);
        Map<String, Object> facts = RolloutFacts.lowRisk("UPG-CLUSTER-STEPS-1", "crash-test", "Crash test system", "1.0",
                1, 2, 1);
        ProcessInstance execution = engineA.getRuntimeService()
                .startProcessInstanceByKey(UpgradeExecutionProcess.KEY, "UPG-CLUSTER-STEPS-1", facts);

        awaitFile(WORK.resolve("crash-1.backup.runs"), Duration.ofSeconds(60));
        awaitFile(WORK.resolve("crash-2.backup.runs"), Duration.ofSeconds(60));
        for (Path hold : holds) {
            Files.delete(hold);
        }
        Task manualChecks = awaitManualChecks(engineB, execution.getId(), Duration.ofSeconds(120));
        assertThat(manualChecks).as("the rollout reached the manual checks").isNotNull();

        List<HistoricExternalTaskLog> done = engineB.getHistoryService().createHistoricExternalTaskLogQuery()
                .successLog().list().stream().filter(log -> "UPG-CLUSTER-STEPS-1".equals(businessKey(engineB, log)))
                .toList();
        // backup, upgrade, health check and acceptance checks on both nodes: eight steps, each once
        assertThat(done).hasSize(8);
        assertThat(done).extracting(HistoricExternalTaskLog::getWorkerId).contains("node-a", "node-b");
        assertThat(done.stream().filter(log -> log.getActivityId().equals(io.upgradeorchestrator.rollout.NodeBackupsProcess.Elements.BACK_UP_NODE))
                .map(HistoricExternalTaskLog::getWorkerId).distinct()).as("the two backups ran on different nodes")
                .hasSize(2);
        for (String node : List.of("crash-1", "crash-2")) {
            for (String step : List.of("backup", "upgrade")) {
                assertThat(Files.readAllLines(WORK.resolve(node + "." + step + ".runs"))).as(node + " " + step)
                        .hasSize(1);
            }
        }
        assertThat(engineA.getRuntimeService().createIncidentQuery().count()).isZero();
        engineA.getRuntimeService().deleteProcessInstance(execution.getId(), "test done");
    }

    private static String businessKey(ProcessEngine engine, HistoricExternalTaskLog log) {
        var instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(log.getProcessInstanceId()).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    private static void awaitFile(Path file, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " not written after " + atMost);
            }
            Thread.sleep(100);
        }
    }

    private static Task awaitManualChecks(ProcessEngine engine, String instance, Duration atMost)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance)
                    .taskDefinitionKey(UpgradeExecutionProcess.Elements.CHECK_MANUALLY).singleResult();
            if (task != null) {
                return task;
            }
            Thread.sleep(200);
        }
        return null;
    }

    private ConfigurableApplicationContext node(String name) {
        return new SpringApplicationBuilder(UpgradeOrchestratorApplication.class).profiles("postgres").run(
                "--spring.application.name=upgrade-orchestrator-" + name,
                "--server.port=0",
                "--camunda.bpm.process-engine-name=cluster-steps-" + name,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + PostgresDatabase.USER,
                "--spring.datasource.password=",
                "--camunda.bpm.admin-user.password=cluster-test-admin",
                "--camunda.bpm.webapp.enabled=false",
                "--upgrade-orchestrator.demo-users.password=cluster-test",
                "--upgrade-orchestrator.mail.outbox=" + WORK.resolve("mail"),
                "--upgrade-orchestrator.inventory.location=classpath:inventory-crash/",
                "--upgrade-orchestrator.demo-target.provision=false",
                "--upgrade-orchestrator.demo-target.root=" + WORK.resolve("demo-target"),
                "--upgrade-orchestrator.backup.directory=" + WORK.resolve("backups"),
                "--upgrade-orchestrator.backup.scratch-directory=" + WORK.resolve("scratch"),
                // both nodes run jobs and steps, as in production
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=500",
                "--upgrade-orchestrator.worker.enabled=true",
                "--upgrade-orchestrator.worker.id=" + name,
                "--upgrade-orchestrator.worker.pool-size=1",
                "--upgrade-orchestrator.worker.max-tasks-per-fetch=1",
                "--upgrade-orchestrator.worker.lock-duration=10s",
                "--upgrade-orchestrator.worker.heartbeat-interval=2s");
    }
}
