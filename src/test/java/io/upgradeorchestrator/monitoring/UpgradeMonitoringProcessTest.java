package io.upgradeorchestrator.monitoring;

import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.BREACH_SUMMARY;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.ISSUES_FOUND;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.LAST_PROBE_RESULTS;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_CYCLE;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_DECIDED_BY;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_DECISION;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_DECISION_GROUPS;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_OUTCOME;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_SUMMARY;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.PROBE_ROUNDS;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.USER_PROBLEMS;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER_DETAIL;
import static io.upgradeorchestrator.monitoring.MonitoringTestSupport.baselineProbe;
import static io.upgradeorchestrator.monitoring.MonitoringTestSupport.newUpgradeId;
import static io.upgradeorchestrator.monitoring.MonitoringTestSupport.passTimeAndRun;
import static io.upgradeorchestrator.monitoring.MonitoringTestSupport.runDueJobs;
import static io.upgradeorchestrator.monitoring.MonitoringTestSupport.variables;
import static io.upgradeorchestrator.testing.Upgrades.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueDecision;
import io.upgradeorchestrator.issues.IssueList;
import io.upgradeorchestrator.issues.IssueSource;
import io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.Elements;
import io.upgradeorchestrator.testing.ProcessVariables;
import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;
import io.upgradeorchestrator.variables.JsonText;
import jakarta.mail.internet.MimeMessage;

/**
 * Every path of "Monitor upgrade" (upgrade-monitoring.bpmn): the probes really run against the demo target's health
 * endpoint; a breach is made by switching a demo node off (its {@code current} release link removed: 503).
 * Monitoring for one hour, probes every 15 minutes (three rounds), the engine clock moved by the test.
 */
@ProcessTest
class UpgradeMonitoringProcessTest {

    private static final Duration ROUND = Duration.ofMinutes(15);
    private static final String NODE = "finance-reports-fra-1";

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        upgrades.freshDemoTarget();
        http = new Http(port);
    }

    @AfterEach
    void resetClock() {
        upgrades.resetClock();
    }

    @Test
    void shouldEndStableWhenThePeriodPassesWithoutABreach() {
        String id = newUpgradeId();
        ProcessInstance monitoring = start(id, List.of(baselineProbe("Health answer", 400, 0)));

        assertThat(monitoring).isWaitingAt(Elements.MONITORING_PERIOD_OVER);
        assertThat(upgrades.variable(monitoring, MONITORING_CYCLE)).isEqualTo("R3/PT15M");
        assertThat(upgrades.variable(monitoring, MONITORING_DECISION_GROUPS)).isEqualTo("operations,reporting-owners");
        for (int round = 1; round <= 3; round++) {
            passTimeAndRun(engine, upgrades, monitoring, ROUND);
            assertThat(upgrades.variable(monitoring, PROBE_ROUNDS)).isEqualTo(round);
        }
        assertThat(monitoring).isActive();
        assertThat(upgrades.variable(monitoring, LAST_PROBE_RESULTS))
                .contains("Health answer on " + NODE, "baseline 400 ms, 0 % errors", "— ok");

        passTimeAndRun(engine, upgrades, monitoring, ROUND);

        assertThat(monitoring).isEnded().hasPassed(Elements.PROBES_OK_END, Elements.SYSTEM_STABLE_END)
                .hasNotPassed(Elements.ALERT_OPERATIONS, Elements.ROLLBACK_DECIDED_END);
        assertThat(upgrades.variable(monitoring, MONITORING_OUTCOME)).isEqualTo("STABLE");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(monitoring.getId())
                .variableName(ROLLBACK_TRIGGER.name()).count()).isZero();
        assertThat(upgrades.variable(monitoring, MONITORING_SUMMARY))
                .startsWith("Monitoring ended STABLE").contains("3 probe round(s), 0 with a breach")
                .contains("compared with the baseline of 1 probe(s)");
        assertThat(smtp.getReceivedMessages()).isEmpty();
        // every sample went through the action layer: 3 rounds × 5 samples on the one production node
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM action_run WHERE upgrade_id = ? AND action_name ="
                + " 'monitoring probe: Health answer' AND status = 'SUCCEEDED' AND target = ?", Integer.class, id, NODE))
                .isEqualTo(15);
    }

    @Test
    void shouldAlertOperationsOnABreachAndEndWithRollBackWhenDecided() throws Exception {
        String id = newUpgradeId();
        ProcessInstance monitoring = start(id, null);
        switchOff(NODE);

        passTimeAndRun(engine, upgrades, monitoring, ROUND);

        assertThat(monitoring).isWaitingAt(Elements.DECIDE_ON_BREACH);
        Task decision = upgrades.task(monitoring, Elements.DECIDE_ON_BREACH);
        assertThat(engine.getTaskService().getIdentityLinksForTask(decision.getId()))
                .extracting(link -> link.getGroupId()).contains("operations", "reporting-owners");
        assertThat(ProcessVariables.of(engine, decision).get(BREACH_SUMMARY))
                .contains("Health answer on " + NODE, "error rate 100 % above the threshold of 0 %");
        assertThat(upgrades.variable(monitoring, LAST_PROBE_RESULTS))
                .contains("No baseline was measured before the change: compared with the probes' own thresholds only");

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).extracting(MimeMessage::getSubject).containsOnly(
                "Monitoring alert: " + id + " Finance reporting (internal): Health answer at 0 ms median, 100 % errors"
                        + " (5 samples) on " + NODE);
        assertThat(mails).flatExtracting(mail -> List.of(mail.getAllRecipients())).extracting(Object::toString)
                .contains("oscar@example.org", "olga@example.org");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mail_log WHERE upgrade_id = ? AND template ="
                + " 'monitoring-alert'", Integer.class, id)).isEqualTo(1);

        upgrades.complete("oscar", decision, values("monitoringDecision", "ROLL_BACK"));

        assertThat(monitoring).isEnded().hasPassed(Elements.ROLLBACK_AFTER_BREACH, Elements.ROLLBACK_DECIDED_END)
                .hasNotPassed(Elements.SYSTEM_STABLE_END);
        assertThat(upgrades.variable(monitoring, MONITORING_OUTCOME)).isEqualTo("ROLL_BACK");
        assertThat(upgrades.variable(monitoring, MONITORING_DECISION)).isEqualTo("ROLL_BACK");
        assertThat(upgrades.variable(monitoring, MONITORING_DECIDED_BY)).isEqualTo("oscar");
        assertThat(upgrades.variable(monitoring, ROLLBACK_TRIGGER)).isEqualTo("MONITORING_BREACH");
        assertThat(upgrades.variable(monitoring, ROLLBACK_TRIGGER_DETAIL))
                .contains("Health answer on " + NODE, "roll back decided by oscar");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(monitoring.getId()).count())
                .as("no probe timer left").isZero();
    }

    @Test
    void shouldRecordFixForwardAndAcceptAndMonitorUntilThePeriodEnds() throws Exception {
        String id = newUpgradeId();
        ProcessInstance monitoring = start(id, List.of(baselineProbe("Health answer", 5, 0)));
        switchOff(NODE);

        passTimeAndRun(engine, upgrades, monitoring, ROUND);
        Task first = upgrades.task(monitoring, Elements.DECIDE_ON_BREACH);

        // a second breach while the decision is open joins it: no second alert, no second task
        passTimeAndRun(engine, upgrades, monitoring, ROUND);
        assertThat(monitoring).hasPassed(Elements.BREACH_ADDED_TO_OPEN_DECISION);
        assertThat(upgrades.tasks(monitoring, Elements.DECIDE_ON_BREACH)).hasSize(1);
        assertThat(alertsToOperations()).hasSize(1);
        assertThat(upgrades.variable(monitoring, PROBE_ROUNDS)).isEqualTo(2);

        assertThatThrownBy(() -> upgrades.complete("olga", first, values("monitoringDecision", "FIX_FORWARD")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("monitoringDecisionReason");
        assertThatThrownBy(() -> upgrades.complete("olga", first, values("monitoringDecision", "IGNORE")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("ROLL_BACK, FIX_FORWARD, ACCEPT");
        upgrades.complete("olga", first, values("monitoringDecision", "FIX_FORWARD",
                "monitoringDecisionReason", "restart the report service tonight (olga)"));
        assertThat(monitoring).isActive().hasPassed(Elements.BREACH_HANDLED);

        // the last round still breaches: decided anew, accepted
        passTimeAndRun(engine, upgrades, monitoring, ROUND);
        upgrades.complete("oscar", upgrades.task(monitoring, Elements.DECIDE_ON_BREACH), values(
                "monitoringDecision", "ACCEPT", "monitoringDecisionReason", "internal reports only, fix next week"));
        assertThat(alertsToOperations()).hasSize(2);

        passTimeAndRun(engine, upgrades, monitoring, ROUND);

        assertThat(monitoring).isEnded().hasPassed(Elements.SYSTEM_STABLE_END);
        assertThat(upgrades.variable(monitoring, MONITORING_OUTCOME)).isEqualTo("STABLE");
        assertThat(upgrades.variable(monitoring, MONITORING_DECISION)).isEqualTo("ACCEPT");
        String issues = upgrades.variable(monitoring, ISSUES_FOUND);
        assertThat(issues.lines()).hasSize(2);
        assertThat(issues.lines().toList().get(0)).contains("MONITORING_BREACH", "Health answer on " + NODE,
                "FIX_FORWARD by olga: restart the report service tonight (olga)");
        assertThat(issues.lines().toList().get(1)).contains("ACCEPT by oscar: internal reports only, fix next week");
        assertThat(upgrades.variable(monitoring, MONITORING_SUMMARY))
                .contains("3 probe round(s), 3 with a breach", "2 issue(s) fixed forward or accepted");
        // the same issues as data: the joined second breach is decided with the first, not repeated
        List<Issue> typed = issues(monitoring);
        assertThat(typed).extracting(Issue::source).containsExactly(IssueSource.MONITORING_BREACH,
                IssueSource.MONITORING_BREACH);
        assertThat(typed).extracting(Issue::subject).containsOnly("Health answer");
        assertThat(typed).extracting(Issue::reportedBy).containsOnly("monitoring probe");
        assertThat(typed).extracting(Issue::decision).containsExactly(IssueDecision.FIX_FORWARD, IssueDecision.ACCEPT);
        assertThat(typed).extracting(Issue::decidedBy).containsExactly("olga", "oscar");
        assertThat(typed).extracting(Issue::reason).containsExactly("restart the report service tonight (olga)",
                "internal reports only, fix next week");
        assertThat(typed).allSatisfy(issue -> assertThat(issue.at()).isNotNull());
        assertThat(typed.get(0).what()).contains("Health answer on " + NODE);
    }

    @Test
    void shouldLetUserReportsJoinTheDecisionThroughTheApi() {
        String id = newUpgradeId();
        ProcessInstance monitoring = start(id, null);

        Http.Reply first = http.post("rita", "/api/upgrades/" + id + "/problems",
                Http.json(Map.of("description", "Month-end report takes 10 minutes instead of 1", "contact", "ext. 4711")));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("reportedBy").asText()).isEqualTo("rita");
        runDueJobs(engine, upgrades, monitoring);
        Task decision = upgrades.task(monitoring, Elements.DECIDE_ON_USER_PROBLEM);
        assertThat(ProcessVariables.of(engine, decision).get(BREACH_SUMMARY))
                .isEqualTo("User report by rita (ext. 4711): Month-end report takes 10 minutes instead of 1");
        assertThat(alertsToOperations()).extracting(MimeMessage::getSubject).containsExactly("Monitoring alert: "
                + id + " Finance reporting (internal): Problem reported by a user at Month-end report takes 10 minutes"
                + " instead of 1 (reported by rita, contact ext. 4711)");
        upgrades.complete("olga", decision, values("monitoringDecision", "ACCEPT",
                "monitoringDecisionReason", "month-end runs are slow in the first hour, known"));
        assertThat(monitoring).isActive().hasPassed(Elements.PROBLEM_HANDLED);

        assertThat(http.post("carl", "/api/upgrades/" + id + "/problems",
                Http.json(Map.of("description", "Export to Excel fails", "contact", "carl@example.org"))).status())
                .isEqualTo(202);
        runDueJobs(engine, upgrades, monitoring);
        Task second = upgrades.task(monitoring, Elements.DECIDE_ON_USER_PROBLEM);
        // a third report while that decision is open joins it
        assertThat(http.post("rita", "/api/upgrades/" + id + "/problems",
                Http.json(Map.of("description", "Exports still fail", "contact", "ext. 4711"))).status()).isEqualTo(202);
        runDueJobs(engine, upgrades, monitoring);
        assertThat(monitoring).hasPassed(Elements.PROBLEM_ADDED_TO_OPEN_DECISION);
        assertThat(upgrades.tasks(monitoring, null)).hasSize(1);
        assertThat(upgrades.variable(monitoring, USER_PROBLEMS).lines()).hasSize(3);

        upgrades.complete("oscar", second, values("monitoringDecision", "ROLL_BACK",
                "monitoringDecisionReason", "exports are needed for the audit"));

        assertThat(monitoring).isEnded().hasPassed(Elements.ROLLBACK_AFTER_USER_PROBLEM, Elements.ROLLBACK_DECIDED_END);
        assertThat(upgrades.variable(monitoring, MONITORING_OUTCOME)).isEqualTo("ROLL_BACK");
        assertThat(upgrades.variable(monitoring, ROLLBACK_TRIGGER)).isEqualTo("USER_REPORT");
        assertThat(upgrades.variable(monitoring, ROLLBACK_TRIGGER_DETAIL))
                .contains("User report by carl (carl@example.org): Export to Excel fails",
                        "roll back decided by oscar: exports are needed for the audit");
        assertThat(upgrades.variable(monitoring, ISSUES_FOUND))
                .contains("USER_REPORT", "ACCEPT by olga: month-end runs are slow in the first hour, known");
        assertThat(upgrades.variable(monitoring, MONITORING_SUMMARY)).contains("3 user report(s)");
        // each report is an issue from when it came in; the joined third report is decided with the second
        List<Issue> typed = issues(monitoring);
        assertThat(typed).extracting(Issue::source).containsOnly(IssueSource.USER_REPORT);
        assertThat(typed).extracting(Issue::what).containsExactly("Month-end report takes 10 minutes instead of 1",
                "Export to Excel fails", "Exports still fail");
        assertThat(typed).extracting(Issue::reportedBy).containsExactly("rita", "carl", "rita");
        assertThat(typed).extracting(Issue::subject).containsExactly("contact ext. 4711", "contact carl@example.org",
                "contact ext. 4711");
        assertThat(typed).extracting(Issue::decision).containsExactly(IssueDecision.ACCEPT, IssueDecision.ROLL_BACK,
                IssueDecision.ROLL_BACK);
        assertThat(typed).extracting(Issue::decidedBy).containsExactly("olga", "oscar", "oscar");
    }

    /** Reports of the largest size the API takes never make a text the engine would refuse (4,000 characters). */
    @Test
    void shouldTakeTheLongestReportsWithoutFailingAJob() {
        String id = newUpgradeId();
        ProcessInstance monitoring = start(id, null);
        String report = Http.json(Map.of("description", "Invoices are slow. " + "d".repeat(3981),
                "contact", "c".repeat(200)));

        assertThat(http.post("rita", "/api/upgrades/" + id + "/problems", report).status()).isEqualTo(202);
        runDueJobs(engine, upgrades, monitoring);
        Task decision = upgrades.task(monitoring, Elements.DECIDE_ON_USER_PROBLEM);
        for (int more = 0; more < 3; more++) {
            assertThat(http.post("rita", "/api/upgrades/" + id + "/problems", report).status()).isEqualTo(202);
            runDueJobs(engine, upgrades, monitoring);
        }

        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
        String summary = ProcessVariables.of(engine, decision).get(BREACH_SUMMARY);
        assertThat(summary).startsWith("User report by rita").hasSizeLessThan(4000).contains("characters, the first");
        String problems = upgrades.variable(monitoring, USER_PROBLEMS);
        assertThat(problems).hasSizeLessThan(4000).startsWith("… (").contains("earlier line(s) cut)");
        engine.getRuntimeService().deleteProcessInstance(monitoring.getId(), "test done");
    }

    @Test
    void shouldAnswerProblemReportsThatCannotJoinWithProblemDetails() {
        String id = newUpgradeId();
        String path = "/api/upgrades/" + id + "/problems";
        String valid = Http.json(Map.of("description", "Login is slow", "contact", "ext. 4711"));

        assertThat(http.post(null, path, valid).status()).isEqualTo(401);

        Http.Reply unknown = http.post("rita", path, valid);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        Http.Reply empty = http.post("rita", path, Http.json(Map.of("description", " ")));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(empty.json().get("errors").findValuesAsText("field")).containsExactly("description", "contact");

        Http.Reply noBody = http.post("rita", path, "");
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.json().get("errors").findValuesAsText("field")).containsExactly("body");

        Http.Reply unknownField = http.post("rita", path, Http.json(Map.of("description", "x", "contact", "y",
                "severity", "high")));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("errors").findValuesAsText("field")).containsExactly("severity");

        // an upgrade whose monitoring is over: nothing waits for the report
        ProcessInstance monitoring = start(id, null);
        assertThat(monitoring).isActive();
        passTimeAndRun(engine, upgrades, monitoring, Duration.ofHours(1));
        assertThat(monitoring).isEnded();
        Http.Reply over = http.post("rita", path, valid);
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.contentType()).startsWith("application/problem+json");
        assertThat(over.json().get("detail").asText()).contains("not being monitored");
    }

    @Test
    void shouldFallBackToTheDefaultDurationAndExplainIt() {
        Map<String, Object> variables = variables(newUpgradeId(), null, null);
        ProcessInstance monitoring = MonitoringTestSupport.start(engine, upgrades, variables);

        assertThat(upgrades.variable(monitoring, MONITORING_CYCLE)).isEqualTo("R95/PT15M");
        assertThat(upgrades.variable(monitoring, MONITORING_SUMMARY))
                .contains("no monitoring duration was decided for this upgrade; monitoring for the default PT24H");
        engine.getRuntimeService().deleteProcessInstance(monitoring.getId(), "test done");
    }

    /** The alerts sent, each once (GreenMail keeps one copy per recipient). */
    private List<MimeMessage> alertsToOperations() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
            try {
                return mail.getSubject().startsWith("Monitoring alert") && seen.add(mail.getMessageID());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private ProcessInstance start(String id, List<Map<String, Object>> baseline) {
        return MonitoringTestSupport.start(engine, upgrades, variables(id, "PT1H", baseline));
    }

    /** The typed issues as stored: read as the JSON text, the way the record reads them. */
    private List<Issue> issues(ProcessInstance instance) {
        var value = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName("monitoringIssues").disableCustomObjectDeserialization().singleResult().getTypedValue();
        return IssueList.parse(JsonText.of(value));
    }


    /** The demo node serves no release: its health endpoint answers 503. */
    private void switchOff(String node) throws Exception {
        Path current = upgrades.demoNode(node).resolve("current");
        Files.delete(current);
    }
}
