package io.upgradeorchestrator.upgrade;

import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_OUTCOME;
import static io.upgradeorchestrator.record.UpgradeClosureProcess.RECORD_COMPLETED_AT;
import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.ROLLED_BACK;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.EXECUTION_OUTCOME;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.FINAL_BACKUP_VERIFIED;
import static io.upgradeorchestrator.testing.Upgrades.values;
import static io.upgradeorchestrator.variables.UpgradeVariables.PHASE;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_TITLE;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.rollback.UpgradeRollbackProcess;
import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;

/**
 * The main process from the window's start to its end, against the demo target: carried out, watched and
 * closed; rolled back in the window; rolled back after monitoring by compensation; sent back to re-plan the
 * window without a verified final backup. The record shows every configuration item of every node before and
 * after the change (or the rollback), and an item changed by hand after a rollback as drift.
 */
@ProcessTest
class SystemUpgradeChangeTest {

    static final String PRODUCTION_NODE = "finance-reports-fra-1";

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;
    @Autowired
    InventoryService inventory;
    @LocalServerPort
    int port;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        upgrades.freshDemoTarget();
    }

    @AfterEach
    void resetClock() {
        upgrades.resetClock();
    }

    @Test
    void shouldCarryOutMonitorAndCloseACompletedUpgrade() throws Exception {
        ProcessInstance upgrade = upgrades.approvedFinanceReportsUpgrade(true);

        startWindowEarlyAsOperator(upgrade);
        checkManually(upgrade, "yes");
        assertThat(upgrades.variable(upgrade, PHASE)).isEqualTo("MONITOR");
        assertThat(current(PRODUCTION_NODE)).isEqualTo(Path.of("releases/8.2.1"));
        upgrades.passTime(Duration.ofHours(9)); // low risk: eight hours of monitoring
        upgrades.runJobs(upgrade);
        review(upgrade);

        assertThat(upgrade).isEnded().hasPassed(SystemUpgradeProcess.CALL_CHANGE_SYSTEM, SystemUpgradeProcess.END_COMPLETED);
        assertThat(upgrades.variable(upgrade, PHASE)).isEqualTo("COMPLETED");
        assertThat(upgrades.variable(upgrade, EXECUTION_OUTCOME)).isEqualTo("COMPLETED");
        assertThat(upgrades.variable(upgrade, MONITORING_OUTCOME)).isEqualTo("STABLE");
        assertThat(upgrades.variable(upgrade, FINAL_BACKUP_VERIFIED)).isEqualTo(true);
        assertThat(upgrades.variable(upgrade, RECORD_COMPLETED_AT)).isNotNull();
        assertThat(current(PRODUCTION_NODE)).isEqualTo(Path.of("releases/8.2.1"));
        JsonNode record = record(upgrade);
        assertThat(record.get("closedAs").asText()).isEqualTo("COMPLETED");
        assertThat(record.at("/versions/old").asText()).isEqualTo("8.2.0");
        assertThat(record.at("/versions/new").asText()).isEqualTo("8.2.1");
        assertThat(record.at("/rollback/status").asText()).isEqualTo("NOT_NEEDED");
        assertThat(record.at("/backups/final/sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(record.get("issues")).as("nothing failed, nothing breached").isEmpty();

        // every act of a person, in order, with who and when
        List<String> acts = acts(record);
        assertThat(acts).hasSize(10);
        assertThat(acts.subList(0, 3)).containsExactly("REQUESTED rita", "REVIEWED_IMPACT olga", "PLANNED_ROLLBACK olga");
        // the three on-call roles confirmed at the same (test) moment: their order among themselves is not defined
        assertThat(acts.subList(3, 6)).containsExactlyInAnyOrder("CONFIRMED_AVAILABILITY dora",
                "CONFIRMED_AVAILABILITY olga", "CONFIRMED_AVAILABILITY oscar");
        assertThat(acts.subList(6, 10)).containsExactly("DECIDED_APPROVAL cora", "MADE_TIMER_DUE admin",
                "CHECKED_MANUALLY olga", "REVIEWED_UPGRADE olga");
        record.at("/people/acts").forEach(act -> assertThat(act.get("at").asText()).isNotBlank());
        JsonNode madeDue = find(record.at("/people/acts"), "MADE_TIMER_DUE");
        assertThat(madeDue.get("what").asText()).startsWith("SetDueDate of job at " + UpgradeAnnouncementProcess.TIMER_WINDOW_STARTS)
                .contains("duedate");
        assertThat(record.at("/people/changeStartedBy/who").asText()).isEqualTo("admin");
        assertThat(record.at("/people/changeStartedBy/how").asText()).isEqualTo("made the window's timer due");
        assertThat(find(record.at("/people/acts"), "CHECKED_MANUALLY").get("what").asText())
                .isEqualTo("Check " + upgrades.variable(upgrade, UPGRADE_TITLE) + " manually");

        String page = new Http(port).get("rita", "/api/upgrades/" + upgrades.businessKey(upgrade) + "/record",
                "text/html").body();
        assertThat(page).contains("What each person did", "Made timer due", "by admin, who made the window",
                "Confirmed availability", "Checked manually");

        // every configuration item of every production node, read before and after the change and compared
        Map<String, JsonNode> items = configurationItems(record);
        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(everyItemOfEveryNode("finance-reports"));
        items.values().forEach(item -> {
            assertThat(item.at("/before/status").asText()).as(item.toString()).isEqualTo("CAPTURED");
            assertThat(item.at("/afterChange/status").asText()).as(item.toString()).isEqualTo("CAPTURED");
            assertThat(item.at("/before/sha256").asText()).matches("[0-9a-f]{64}");
            assertThat(item.get("afterRollback").isNull()).isTrue();
        });
        JsonNode settings = items.get(PRODUCTION_NODE + " / Node settings");
        assertThat(settings.at("/change/status").asText()).isEqualTo("CHANGED");
        assertThat(settings.at("/change/diff").asText()).contains("\n-release=8.2.0\n+release=8.2.1");
        assertThat(settings.at("/before/content").asText()).contains("release=8.2.0", "integration_api_key=****");
        assertThat(settings.at("/afterChange/content").asText()).contains("release=8.2.1");
        assertThat(items.get(PRODUCTION_NODE + " / Release link").at("/change/diff").asText())
                .contains("-current -> releases/8.2.0", "+current -> releases/8.2.1");
        assertThat(items.get(PRODUCTION_NODE + " / Scheduled jobs").at("/change/status").asText())
                .isEqualTo("UNCHANGED");
        assertThat(record.at("/configuration/drift")).isEmpty();
        assertThat(record.get("changedConfiguration").asText()).contains("After the change: 2 changed");
        assertNoSecretIn(record.toString());
        String configurationPage = recordPage(upgrade);
        assertThat(configurationPage).contains("Changed configuration", "Scheduled jobs", "+release=8.2.1", "Unchanged");
        assertNoSecretIn(configurationPage);
    }

    @Test
    void shouldRollBackInTheWindowWhenTheCanaryFailsAndCloseAsRolledBack() throws Exception {
        ProcessInstance upgrade = upgrades.approvedFinanceReportsUpgrade(true);
        blockRelease(PRODUCTION_NODE, "8.2.1"); // its upgrade cannot install the new release

        upgrades.startWindow(upgrade);
        decideRollbackIfAsked(upgrade);
        review(upgrade);

        assertThat(upgrade).isEnded().hasPassed(SystemUpgradeProcess.END_ROLLED_BACK);
        assertThat(upgrades.variable(upgrade, PHASE)).isEqualTo("ROLLED_BACK");
        assertThat(upgrades.variable(upgrade, ROLLBACK_TRIGGER)).isEqualTo("CANARY_FAILED");
        assertThat(upgrades.variable(upgrade, ROLLED_BACK)).isEqualTo(true);
        assertThat(current(PRODUCTION_NODE)).isEqualTo(Path.of("releases/8.2.0"));
        JsonNode record = record(upgrade);
        assertThat(record.get("closedAs").asText()).isEqualTo("ROLLED_BACK");
        assertThat(record.at("/rollback/status").asText()).isEqualTo("ROLLED_BACK");
        assertThat(record.at("/rollback/trigger").asText()).isEqualTo("CANARY_FAILED");

        // the issues of a rollback in the window: the failed canary node and the trigger with its decision
        JsonNode failed = find(record.get("issues"), "FAILED_NODE");
        assertThat(failed.get("subject").asText()).isEqualTo(PRODUCTION_NODE);
        assertThat(failed.get("what").asText()).startsWith("upgrade on " + PRODUCTION_NODE + " failed");
        JsonNode trigger = find(record.get("issues"), "ROLLBACK_TRIGGER");
        assertThat(trigger.get("subject").asText()).isEqualTo("CANARY_FAILED");
        assertThat(trigger.get("decision").asText()).isEqualTo("ROLL_BACK");
        assertThat(trigger.get("decidedBy").asText()).isEqualTo("automatic (plan)");
        assertThat(trigger.get("at").asText()).as("when the rollback decision started").isNotBlank();
        assertThat(record.get("issuesFound")).hasSameSizeAs(record.get("issues"));
        assertThat(acts(record)).startsWith("REQUESTED rita").contains("DECIDED_APPROVAL cora")
                .endsWith("REVIEWED_UPGRADE olga").doesNotContain("MADE_TIMER_DUE admin", "CHECKED_MANUALLY olga");
        assertThat(record.at("/people/changeStartedBy/how").asText()).isEqualTo("the window's timer at its time");
        // the node's upgrade failed before its acceptance checks: read before the change and after the rollback
        Map<String, JsonNode> items = configurationItems(record);
        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(everyItemOfEveryNode("finance-reports"));
        items.values().forEach(item -> {
            assertThat(item.at("/before/status").asText()).as(item.toString()).isEqualTo("CAPTURED");
            assertThat(item.get("afterChange").isNull()).isTrue();
            assertThat(item.at("/afterRollback/status").asText()).as(item.toString()).isEqualTo("CAPTURED");
            assertThat(item.at("/sinceRollback/status").asText()).as(item.toString()).isEqualTo("UNCHANGED");
        });
        assertThat(record.at("/configuration/drift")).isEmpty();
        assertThat(record.get("changedConfiguration").asText()).contains("After the rollback: every item read is as"
                + " before the change");
        assertThat(recordPage(upgrade)).contains("After the rollback", "Release link");
    }

    @Test
    void shouldRecordConfigurationChangedByHandAfterTheRollbackAsDrift() throws Exception {
        ProcessInstance upgrade = upgrades.approvedFinanceReportsUpgrade(true);
        blockRelease(PRODUCTION_NODE, "8.2.1");
        Date windowStart = upgrades.variable(upgrade, WINDOW_START);
        ClockUtil.setCurrentTime(Date.from(windowStart.toInstant().plus(Duration.ofMinutes(1))));

        // rolled back; before the node's old version is verified, someone edits its settings by hand
        upgrades.runUntil(upgrade, UpgradeRollbackProcess.NodeRollbackElements.VERIFY_OLD_VERSION);
        assertThat(current(PRODUCTION_NODE)).isEqualTo(Path.of("releases/8.2.0"));
        Path settings = upgrades.demoNode(PRODUCTION_NODE).resolve("config/settings.properties");
        Files.writeString(settings, Files.readString(settings).replace("max_connections=100", "max_connections=250"));
        upgrades.runJobs(upgrade);
        decideRollbackIfAsked(upgrade);
        review(upgrade);

        assertThat(upgrade).isEnded().hasPassed(SystemUpgradeProcess.END_ROLLED_BACK);
        JsonNode record = record(upgrade);
        JsonNode drift = record.at("/configuration/drift");
        assertThat(drift).hasSize(1);
        assertThat(drift.at("/0/node").asText()).isEqualTo(PRODUCTION_NODE);
        assertThat(drift.at("/0/item").asText()).isEqualTo("Node settings");
        assertThat(drift.at("/0/status").asText()).isEqualTo("CHANGED");
        assertThat(drift.at("/0/beforeSha256").asText()).matches("[0-9a-f]{64}")
                .isNotEqualTo(drift.at("/0/afterSha256").asText());
        assertThat(drift.at("/0/diff").asText()).contains("-max_connections=100\n+max_connections=250");
        Map<String, JsonNode> items = configurationItems(record);
        assertThat(items.get(PRODUCTION_NODE + " / Scheduled jobs").at("/sinceRollback/status").asText())
                .isEqualTo("UNCHANGED");
        assertThat(record.get("changedConfiguration").asText()).contains("After the rollback 1 item(s) are NOT as"
                + " before the change: 'Node settings' on " + PRODUCTION_NODE + " changed");
        assertThat(record.at("/rollback/summary").asText()).contains("Configuration DRIFT after the rollback");
        String page = recordPage(upgrade);
        assertThat(page.substring(page.indexOf("<h2>Issues found</h2>")))
                .contains("Configuration drift after the rollback: &#39;Node settings&#39; on " + PRODUCTION_NODE)
                .contains("+max_connections=250");
        assertNoSecretIn(page);
    }

    @Test
    void shouldUndoACompletedUpgradeByCompensationWhenMonitoringDecidesToRollBack() throws Exception {
        ProcessInstance upgrade = upgrades.approvedFinanceReportsUpgrade(true);
        upgrades.startWindow(upgrade);
        checkManually(upgrade, "yes");
        assertThat(current(PRODUCTION_NODE)).isEqualTo(Path.of("releases/8.2.1"));

        // the service stops answering (its switch points at a release that is not there): the health probe
        // fails at the next monitoring round
        Path current = upgrades.demoNode(PRODUCTION_NODE).resolve("current");
        Files.delete(current);
        Files.createSymbolicLink(current, Path.of("releases/9.9.9"));
        upgrades.passTime(Duration.ofMinutes(16));
        upgrades.runJobs(upgrade);
        Task decision = upgrades.task(upgrade, "Task_DecideOnBreach");
        upgrades.complete("oscar", decision, values("monitoringDecision", "ROLL_BACK",
                "monitoringDecisionReason", "invoices cannot be opened"));
        upgrades.runJobs(upgrade);
        review(upgrade);

        assertThat(upgrade).isEnded().hasPassed(SystemUpgradeProcess.END_ROLLED_BACK);
        assertThat(upgrades.variable(upgrade, MONITORING_OUTCOME)).isEqualTo("ROLL_BACK");
        assertThat(upgrades.variable(upgrade, ROLLBACK_TRIGGER)).isEqualTo("MONITORING_BREACH");
        assertThat(upgrades.variable(upgrade, ROLLED_BACK)).isEqualTo(true);
        assertThat(current(PRODUCTION_NODE)).isEqualTo(Path.of("releases/8.2.0"));
        JsonNode record = record(upgrade);
        assertThat(record.get("closedAs").asText()).isEqualTo("ROLLED_BACK");
        assertThat(record.at("/monitoring/outcome").asText()).isEqualTo("ROLL_BACK");
        assertThat(record.at("/rollback/status").asText()).isEqualTo("ROLLED_BACK");
        // the breach is the issue, decided by oscar; the trigger it set is not repeated
        JsonNode breach = find(record.get("issues"), "MONITORING_BREACH");
        assertThat(breach.get("decision").asText()).isEqualTo("ROLL_BACK");
        assertThat(breach.get("decidedBy").asText()).isEqualTo("oscar");
        assertThat(breach.get("reason").asText()).isEqualTo("invoices cannot be opened");
        assertThat(record.get("issues").findValuesAsText("source")).doesNotContain("ROLLBACK_TRIGGER");
        assertThat(acts(record)).contains("DECIDED_MONITORING oscar", "CHECKED_MANUALLY olga");
    }

    @Test
    void shouldSendTheWindowBackToReplanningWithoutAVerifiedFinalBackup() {
        ProcessInstance upgrade = upgrades.approvedFinanceReportsUpgrade(true);
        FileSystemUtils.deleteRecursively(upgrades.demoNode(PRODUCTION_NODE).resolve("data").toFile());

        upgrades.startWindow(upgrade);

        assertThat(upgrades.variable(upgrade, EXECUTION_OUTCOME)).isEqualTo("REPLAN_WINDOW");
        assertThat(upgrade).hasPassed(SystemUpgradeProcess.CALL_CHANGE_SYSTEM)
                .isWaitingAt(SystemUpgradeProcess.CALL_CONFIRM_WINDOW);
        assertThat(upgrades.task(upgrade, "Task_ReplanWindow").getAssignee()).isEqualTo("rita");
        assertThat(current(PRODUCTION_NODE)).isEqualTo(Path.of("releases/8.2.0"));
    }

    /**
     * As the README tells operators: the window's timer is made due through the engine's REST API, before the
     * window, as the admin.
     */
    private void startWindowEarlyAsOperator(ProcessInstance upgrade) {
        Date windowStart = upgrades.variable(upgrade, WINDOW_START);
        ClockUtil.setCurrentTime(Date.from(windowStart.toInstant().minus(Duration.ofMinutes(30))));
        upgrades.runJobs(upgrade); // the reminder of the day before is sent; the window's timer waits
        List<Job> timers = engine.getManagementService().createJobQuery().timers()
                .activityId(UpgradeAnnouncementProcess.TIMER_WINDOW_STARTS).list().stream()
                .filter(job -> upgrades.instanceIds(upgrade).contains(job.getProcessInstanceId())).toList();
        assertThat(timers).hasSize(1);
        Http.Reply reply = new Http(port).put("admin", "/engine-rest/job/" + timers.get(0).getId() + "/duedate",
                "{\"duedate\": \"2020-01-01T00:00:00.000+0000\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
        upgrades.passTime(Duration.ofMinutes(5)); // the job executor picks the job up a little later
        upgrades.runJobs(upgrade);
    }

    /** "ACT who" of each act of a person in the record. */
    private static List<String> acts(JsonNode record) {
        List<String> acts = new ArrayList<>();
        record.at("/people/acts").forEach(a -> acts.add(a.get("act").asText() + " " + a.get("who").asText()));
        return acts;
    }

    /** The one entry of a list whose source or act is {@code kind}. */
    private static JsonNode find(JsonNode list, String kind) {
        List<JsonNode> found = new ArrayList<>();
        list.forEach(entry -> {
            if (kind.equals(entry.path("source").asText(null)) || kind.equals(entry.path("act").asText(null))) {
                found.add(entry);
            }
        });
        assertThat(found).as(kind + " in " + list).hasSize(1);
        return found.get(0);
    }

    private void checkManually(ProcessInstance upgrade, String ok) {
        upgrades.complete("olga", upgrade, "Task_CheckManually",
                values("manualChecksDone", "Opened this month's report, exported it", "manualChecksOk", ok));
        upgrades.runJobs(upgrade);
    }

    /** Where the rollback plan is not automatic, the decision owner decides. */
    private void decideRollbackIfAsked(ProcessInstance upgrade) {
        for (Task decision : upgrades.tasks(upgrade, "Task_DecideRollback")) {
            upgrades.complete(upgrades.memberOfCandidateGroup(decision), decision,
                    values("rollbackDecision", "ROLL_BACK", "rollbackReason", "the only node failed"));
            upgrades.runJobs(upgrade);
        }
    }

    private void review(ProcessInstance upgrade) {
        upgrades.complete("olga", upgrade, "Task_ReviewUpgrade", values(
                "lessonsLearned", "The rehearsal predicted the timing well.", "followUps", "none"));
        upgrades.runJobs(upgrade);
    }

    /** The upgrade record as the requester reads it through the API. */
    private JsonNode record(ProcessInstance upgrade) {
        Http.Reply reply = new Http(port).get("rita", "/api/upgrades/" + upgrades.businessKey(upgrade) + "/record",
                "application/json");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** The record's configuration items by "node / item". */
    private static Map<String, JsonNode> configurationItems(JsonNode record) {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        record.at("/configuration/items").forEach(item ->
                items.put(item.get("node").asText() + " / " + item.get("item").asText(), item));
        return items;
    }

    /** "node / item" for every configuration item of every production node of the system, from the inventory. */
    private List<String> everyItemOfEveryNode(String systemId) {
        InventorySystem system = inventory.require(systemId);
        List<String> expected = system.nodesIn(Environment.PRODUCTION).stream().flatMap(node -> system
                .configurationItems().stream().map(item -> node.id() + " / " + item.name())).toList();
        assertThat(expected).isNotEmpty();
        return expected;
    }

    /** The integration keys of the demo nodes never leave them: the action layer masks them. */
    private void assertNoSecretIn(String text) throws Exception {
        for (String node : List.of(PRODUCTION_NODE)) {
            String key = Files.readAllLines(upgrades.demoNode(node).resolve("config/settings.properties")).stream()
                    .filter(line -> line.startsWith("integration_api_key=")).findFirst().orElseThrow()
                    .substring("integration_api_key=".length());
            assertThat(key).hasSize(24);
            assertThat(text).doesNotContain(key);
        }
    }

    /** The upgrade record's page, as a browser asks for it. */
    private String recordPage(ProcessInstance upgrade) {
        Http.Reply reply = new Http(port).get("rita", "/api/upgrades/" + upgrades.businessKey(upgrade) + "/record",
                "text/html");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    private Path current(String node) {
        try {
            return Files.readSymbolicLink(upgrades.demoNode(node).resolve("current"));
        } catch (Exception e) {
            throw new AssertionError("No current release on " + node, e);
        }
    }

    /** A file where the release's folder must go: the runbook's upgrade step fails on this node. */
    private void blockRelease(String node, String version) throws Exception {
        Files.writeString(upgrades.demoNode(node).resolve("releases/" + version), "not a release folder");
    }
}
