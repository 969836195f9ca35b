package io.upgradeorchestrator.runbook;

import static io.upgradeorchestrator.testing.Upgrades.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Upgrades;

/**
 * The runbook action tasks process owners place with the element templates (runRunbookStep, runAcceptanceCheck,
 * scanLogs), run as jobs of a small test-only diagram against the demo target: a "no" is an answer in a variable,
 * an unknown name or a wrong kind of check is refused with a message that says what to fix, a retried job does
 * not run its command again, and a job whose command is still running elsewhere waits for it without using up a
 * retry.
 */
@ProcessTest
class RunbookActionTasksTest {

    private static final String DIAGRAM = "runbook/runbook-actions-test.bpmn20.xml";
    private static final String KEY = "runbookActionsTest";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void freshDemoTargetAndDiagram() {
        upgrades.freshDemoTarget();
        if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY).count() == 0) {
            engine.getRepositoryService().createDeployment().name("runbook action tasks (test)")
                    .addClasspathResource(DIAGRAM).deploy();
        }
    }

    @Test
    void shouldRunACommandStepOnTheChosenNodes() throws Exception {
        ProcessInstance run = start("step", values("testStep", "backup", "testNodes", "TEST"));

        upgrades.runJobs(run);

        assertThat(upgrades.variable(run, "stepPassed")).isEqualTo(true);
        assertThat((String) upgrades.variable(run, "stepPassedSummary"))
                .startsWith("PASSED backup").contains("backup.sh", "finance-reports-test-1");
        assertThat(Files.readString(upgrades.demoNode("finance-reports-test-1").resolve("logs/runbook.log")))
                .contains("INFO backup of release");
        assertThat(Files.readString(upgrades.demoNode("finance-reports-fra-1").resolve("logs/runbook.log")))
                .doesNotContain("INFO backup of release");
    }

    @Test
    void shouldAnswerAFailedCheckAsAVariable() throws Exception {
        Files.writeString(upgrades.demoNode("finance-reports-test-1").resolve("data/invoices.csv"), "3001;truncated row\n",
                StandardOpenOption.APPEND);
        ProcessInstance run = start("check", values("testCheck", "Invoices readable", "testKind", "COMMAND",
                "testNodes", "TEST"));

        upgrades.runJobs(run);

        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(run.getId()).count()).isZero();
        assertThat(upgrades.variable(run, "checkPassed")).isEqualTo(false);
        assertThat((String) upgrades.variable(run, "checkPassedSummary"))
                .startsWith("FAILED acceptance: Invoices readable").contains("finance-reports-test-1");
    }

    @Test
    void shouldPassAnHttpCheckOnEveryProductionNode() {
        ProcessInstance run = start("check", values("testCheck", "Service answers", "testKind", "HTTP_CHECK",
                "testNodes", "PRODUCTION"), "billing-portal");

        upgrades.runJobs(run);

        assertThat(upgrades.variable(run, "checkPassed")).isEqualTo(true);
        assertThat((String) upgrades.variable(run, "checkPassedSummary"))
                .contains("billing-portal-fra-1", "billing-portal-fra-2", "billing-portal-ber-1")
                .doesNotContain("billing-portal-test-1");
    }

    @Test
    void shouldRefuseACheckOfAnotherKindThanTheTaskExpects() {
        ProcessInstance run = start("check", values("testCheck", "Invoices readable", "testKind", "HTTP_CHECK",
                "testNodes", "TEST"));

        assertThat(failedJobMessage(run)).contains("Acceptance check 'Invoices readable' of finance-reports is a "
                + "COMMAND, but this task is made for a HTTP_CHECK");
        assertThat(actionRuns(run)).isZero();
    }

    @Test
    void shouldRefuseAnUnknownCheckNamingTheChecksThereAre() {
        ProcessInstance run = start("check", values("testCheck", "Invoices printable", "testKind", "COMMAND",
                "testNodes", "TEST"));

        assertThat(failedJobMessage(run)).contains("has no acceptance check 'Invoices printable'",
                "Invoices readable", "Service answers");
        assertThat(actionRuns(run)).isZero();
    }

    @Test
    void shouldRefuseAnUnknownStepNamingTheStepsThereAre() {
        ProcessInstance run = start("step", values("testStep", "reboot", "testNodes", "TEST"));

        assertThat(failedJobMessage(run)).contains("The runbook has no step 'reboot'", "backup", "rollback",
                "healthCheck");
        assertThat(actionRuns(run)).isZero();
    }

    @Test
    void shouldNotRunTheCommandAgainWhenTheJobIsRetried() throws Exception {
        ProcessInstance run = start("step", values("testStep", "backup", "testNodes", "TEST",
                "simulateFailureAfterAction", true));
        Job job = job(run);

        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
                .hasMessageContaining("simulated failure after the action ran");
        upgrades.runJobs(run);

        assertThat(upgrades.variable(run, "stepPassed")).isEqualTo(true);
        String log = Files.readString(upgrades.demoNode("finance-reports-test-1").resolve("logs/runbook.log"));
        assertThat(log.split("INFO backup of release", -1)).as("backups in %s", log).hasSize(2);
        assertThat(actionRuns(run)).isEqualTo(1);
    }

    @Test
    void shouldWaitWithoutUsingARetryWhileItsActionRunsElsewhere() throws Exception {
        ProcessInstance run = start("step", values("testStep", "backup", "testNodes", "TEST"));
        Job job = job(run);
        String key = upgrades.businessKey(run) + ":Task_RunRunbookStep:" + run.getId() + ":finance-reports-test-1:backup";
        // another node started this backup a moment ago and is still running it
        jdbc.update("insert into action_run (id, idempotency_key, upgrade_id, target, action_name, kind, description,"
                        + " status, attempts, started_at) values (?, ?, ?, 'finance-reports-test-1', 'backup', 'COMMAND',"
                        + " 'backup.sh', 'STARTED', 1, ?)", UUID.randomUUID().toString(), key,
                upgrades.businessKey(run), Timestamp.from(Instant.now()));

        Instant attempted = Instant.now();
        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
                .hasMessageContaining("is already running since");

        Job waiting = job(run);
        assertThat(waiting.getRetries()).as("retries left").isEqualTo(job.getRetries());
        assertThat(waiting.getExceptionMessage()).isNull();
        assertThat(waiting.getDuedate().toInstant()).as("due again after a minute, long before the run is stale")
                .isBetween(attempted.plusSeconds(50), Instant.now().plusSeconds(61));
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(run.getId()).count()).isZero();

        // the other node died: once its run is stale, the waiting job runs the backup itself
        jdbc.update("update action_run set started_at = ? where idempotency_key = ?",
                Timestamp.from(Instant.now().minus(2, ChronoUnit.DAYS)), key);
        engine.getManagementService().executeJob(job.getId());
        upgrades.runJobs(run);
        assertThat(upgrades.variable(run, "stepPassed")).isEqualTo(true);
        assertThat(jdbc.queryForObject("select attempts from action_run where idempotency_key = ?", Integer.class, key))
                .isEqualTo(2);
    }

    @Test
    void shouldScanTheRunbookLogsSinceTheWindowStart() throws Exception {
        Instant windowStart = Instant.now().minus(1, ChronoUnit.HOURS);
        ProcessInstance clean = start("logs", values("testNodes", "TEST", "windowStart", Date.from(windowStart)));
        upgrades.runJobs(clean);
        assertThat(upgrades.variable(clean, "logsClean")).isEqualTo(true);
        assertThat((String) upgrades.variable(clean, "logsCleanSummary"))
                .startsWith("PASSED logs: Runbook log").contains("errors 0");

        Path log = upgrades.demoNode("finance-reports-test-1").resolve("logs/runbook.log");
        Files.writeString(log, Instant.now().truncatedTo(ChronoUnit.SECONDS) + " ERROR disk full\n",
                StandardOpenOption.APPEND);
        ProcessInstance dirty = start("logs", values("testNodes", "TEST", "windowStart", Date.from(windowStart)));
        upgrades.runJobs(dirty);
        assertThat(upgrades.variable(dirty, "logsClean")).isEqualTo(false);
        assertThat((String) upgrades.variable(dirty, "logsCleanSummary"))
                .startsWith("FAILED logs: Runbook log").contains("errors 1");
    }

    private ProcessInstance start(String action, Map<String, Object> inputs) {
        return start(action, inputs, "finance-reports");
    }

    private ProcessInstance start(String action, Map<String, Object> inputs, String systemId) {
        String upgradeId = "UPG-ACT-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        Map<String, Object> variables = values("upgradeId", upgradeId, "systemId", systemId, "targetVersion", "9.9.9",
                "testAction", action);
        variables.putAll(inputs);
        return engine.getRuntimeService().startProcessInstanceByKey(KEY, upgradeId, variables);
    }

    private Job job(ProcessInstance run) {
        return engine.getManagementService().createJobQuery().processInstanceId(run.getId()).singleResult();
    }

    /** Runs the task's job, which must fail, and answers the message an operator sees in Cockpit. */
    private String failedJobMessage(ProcessInstance run) {
        ManagementService management = engine.getManagementService();
        Job job = job(run);
        assertThatThrownBy(() -> management.executeJob(job.getId())).isNotNull();
        return management.createJobQuery().jobId(job.getId()).singleResult().getExceptionMessage();
    }

    private Integer actionRuns(ProcessInstance run) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM action_run WHERE upgrade_id = ?", Integer.class,
                upgrades.businessKey(run));
    }
}
