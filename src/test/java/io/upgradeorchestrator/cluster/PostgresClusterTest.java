package io.upgradeorchestrator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import io.upgradeorchestrator.request.RequestVariables;
import io.upgradeorchestrator.request.UpgradeRequest;
import io.upgradeorchestrator.upgrade.UpgradeIdGenerator;

/**
 * Two application nodes on one real PostgreSQL database, the way users run a cluster: both start (migrations
 * and deployment happen once), upgrade ids drawn concurrently on both nodes never collide, and an upgrade started
 * on one node is worked on through the other.
 */
@Tag("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresClusterTest {

    private PostgresDatabase database;
    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;

    @BeforeAll
    void startTwoNodes() {
        database = PostgresDatabase.createOrSkip();
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
    void shouldDeployOnceForBothNodes() {
        ProcessEngine engine = nodeA.getBean(ProcessEngine.class);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("systemUpgrade").count())
                .isEqualTo(1);
    }

    @Test
    void shouldNeverDrawTheSameUpgradeIdOnTwoNodes() throws Exception {
        List<UpgradeIdGenerator> generators = List.of(nodeA.getBean(UpgradeIdGenerator.class), nodeB.getBean(UpgradeIdGenerator.class));
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> draws = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            UpgradeIdGenerator generator = generators.get(i % 2);
            draws.add(pool.submit(() -> ids.add(generator.nextId())));
        }
        for (Future<?> draw : draws) {
            draw.get();
        }
        pool.shutdown();

        assertThat(ids).hasSize(200).allMatch(id -> id.matches("UPG-\\d{4}-\\d{4}"));
    }

    @Test
    void shouldLetOneNodeContinueWhatTheOtherStarted() {
        ProcessEngine engineA = nodeA.getBean(ProcessEngine.class);
        ProcessEngine engineB = nodeB.getBean(ProcessEngine.class);
        Instant start = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        UpgradeRequest request = new UpgradeRequest("finance-reports", "8.2.1", "PERFORMANCE", null,
                "cut report generation time for month-end close",
                new UpgradeRequest.Window(start.toString(), start.plus(3, ChronoUnit.HOURS).toString()), false, null, null);
        engineA.getIdentityService().setAuthentication("rita", List.of("requesters"));
        ProcessInstance upgrade;
        try {
            upgrade = engineA.getRuntimeService().startProcessInstanceByKey("systemUpgrade", RequestVariables.toVariables(request));
        } finally {
            engineA.getIdentityService().clearAuthentication();
        }
        String upgradeId = engineB.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(upgrade.getId()).singleResult().getBusinessKey();
        // the asynchronous inventory snapshot runs on whichever node picks it up; here node B runs it
        engineB.getHistoryService().createHistoricProcessInstanceQuery().rootProcessInstanceId(upgrade.getId()).list()
                .forEach(instance -> engineB.getManagementService().createJobQuery().processInstanceId(instance.getId())
                        .list().forEach(job -> engineB.getManagementService().executeJob(job.getId())));

        Task review = engineB.getTaskService().createTaskQuery().processInstanceBusinessKey(upgradeId)
                .taskDefinitionKey("Task_ReviewBusinessImpact").singleResult();
        assertThat(review).isNotNull();
        assertThat(engineB.getRuntimeService().getVariable(review.getExecutionId(), "tierLabel"))
                .isEqualTo("Tier 3 — business operational");
    }

    private ConfigurableApplicationContext node(String name) {
        // Command-line arguments: they outrank application-postgres.yaml, as environment variables would.
        return new SpringApplicationBuilder(UpgradeOrchestratorApplication.class).profiles("postgres").run(
                "--spring.application.name=upgrade-orchestrator-" + name,
                "--server.port=0",
                // Engines register by name in a JVM-wide registry the REST API reads; other tests' engine is "default".
                "--camunda.bpm.process-engine-name=cluster-" + name,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + PostgresDatabase.USER,
                "--spring.datasource.password=",
                "--camunda.bpm.admin-user.password=cluster-test-admin",
                "--camunda.bpm.job-execution.enabled=false",
                // The webapps keep JVM-wide state that closing a second application would clear for the other
                // tests' application (its Cockpit API then fails to start); a cluster node needs no webapps here.
                "--camunda.bpm.webapp.enabled=false",
                "--upgrade-orchestrator.demo-users.password=cluster-test",
                "--upgrade-orchestrator.mail.outbox=target/cluster-test-mail");
    }
}
