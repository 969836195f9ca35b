package io.upgradeorchestrator.window;

import static io.upgradeorchestrator.testing.Upgrades.values;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_END;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_TEXT;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.REQUIRED_WINDOW_MINUTES;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.ROLLBACK_DEADLINE;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.SUPPORT_CONFIRMATIONS;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.WINDOW_CONFIRMED;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.WINDOW_FITS;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.WINDOW_PLAN;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.WINDOW_PROBLEMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.request.UpgradeRequest;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.ProcessVariables;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;

/**
 * Every path of "Confirm maintenance window" (maintenance-window.bpmn), started directly with the variables the
 * main process hands over. Windows are placed on Saturdays mid-month, outside the demo systems' peak periods and
 * the year-end freeze, unless a test wants to hit one of them.
 */
@ProcessTest
class MaintenanceWindowProcessTest {

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @Autowired
    ProcessEngine engine;
    @Autowired
    Upgrades upgrades;

    @BeforeEach
    void initAssertions() {
        AbstractAssertions.init(engine);
    }

    @Test
    void shouldConfirmAWindowThatFitsWhenEveryOnCallRoleIsAvailable() {
        Instant start = Upgrades.nextQuietWindowStart();
        ProcessInstance window = start("finance-reports", start, start.plus(8, ChronoUnit.HOURS), Map.of());

        List<Task> confirmations = upgrades.tasks(window, MaintenanceWindowProcess.TASK_CONFIRM_AVAILABILITY);
        assertThat(confirmations).extracting(this::candidateGroup)
                .containsExactlyInAnyOrder("reporting-owners", "operations", "dba");
        assertThat(confirmations).extracting(Task::getName).anyMatch(name -> name.startsWith(
                "Confirm availability as Report owner: UPG-"));
        assertThat(confirmations.get(0).getDueDate()).isEqualTo(Date.from(start));

        upgrades.complete("olga", confirmation(window, "reporting-owners"), values("available", "yes"));
        upgrades.complete("oscar", confirmation(window, "operations"), values("available", "yes",
                "availabilityComment", "on call all night"));
        upgrades.complete("dora", confirmation(window, "dba"), values("available", true));

        BpmnAwareTests.assertThat(window).isEnded().hasPassed(MaintenanceWindowProcess.END_WINDOW_CONFIRMED);
        assertThat(upgrades.variable(window, WINDOW_CONFIRMED)).isEqualTo(true);
        assertThat(upgrades.variable(window, WINDOW_FITS)).isEqualTo(true);
        // finance-reports' runbook: 15 min preparation, 7 min final backup, 30 min per wave, 30 min verification,
        // 30 min repair buffer, 15 min rollback decision, 20 min rollback
        assertThat(upgrades.variable(window, REQUIRED_WINDOW_MINUTES)).isEqualTo(147);
        assertThat(upgrades.variable(window, WINDOW_PLAN)).contains("Preparation: 15 min",
                "Execution: 30 min (canary wave of 1 node;", "Rollback: 20 min (all nodes together;",
                "Required window: 2 h 27 min");
        assertThat(upgrades.variable(window, ROLLBACK_DEADLINE))
                .isEqualTo(Date.from(start.plus(8, ChronoUnit.HOURS).minus(20, ChronoUnit.MINUTES)));
        assertThat(upgrades.variable(window, WINDOW_TEXT)).endsWith("UTC").contains(" – ");
        assertThat(upgrades.variable(window, SUPPORT_CONFIRMATIONS)).contains(
                "Report owner (group reporting-owners): olga is available",
                "Operations engineer (group operations): oscar is available – on call all night",
                "Database administrator (group dba): dora is available");
    }

    @Test
    void shouldSendAWindowTooShortForTheRollbackBackToTheRequesterAndAcceptALongerOne() {
        Instant start = Upgrades.nextQuietWindowStart();
        ProcessInstance window = start("finance-reports", start, start.plus(2, ChronoUnit.HOURS), Map.of());

        Task replan = upgrades.task(window, MaintenanceWindowProcess.TASK_REPLAN_WINDOW);
        assertThat(replan.getAssignee()).isEqualTo("rita");
        assertThat(replan.getName()).startsWith("Re-plan maintenance window of UPG-");
        assertThat(problems(replan)).isEqualTo("The window is 2 h long but the upgrade needs 2 h 27 min, of which"
                + " 20 min to roll back (the window plan lists every part): extend it by at least 27 min.");
        assertThat(upgrades.variable(window, WINDOW_CONFIRMED)).isEqualTo(false);

        upgrades.complete("rita", replan, values("requestedWindowStart", start.toString(),
                "requestedWindowEnd", start.plus(3, ChronoUnit.HOURS).toString()));

        assertThat(upgrades.variable(window, WINDOW_FITS)).isEqualTo(true);
        assertThat(upgrades.variable(window, WINDOW_END)).isEqualTo(Date.from(start.plus(3, ChronoUnit.HOURS)));
        assertThat(upgrades.tasks(window, MaintenanceWindowProcess.TASK_CONFIRM_AVAILABILITY)).hasSize(3);
    }

    @Test
    void shouldPlanWithTheRehearsalsRollbackTimeWhenItTookLonger() {
        Instant start = Upgrades.nextQuietWindowStart();
        // Four hours would do with the runbook's estimates, but the rehearsal needed three hours to roll back.
        ProcessInstance window = start("finance-reports", start, start.plus(4, ChronoUnit.HOURS),
                Map.of("rehearsalUpgradeMinutes", 60, "rehearsalRollbackMinutes", 180));

        Task replan = upgrades.task(window, MaintenanceWindowProcess.TASK_REPLAN_WINDOW);
        assertThat(problems(replan)).startsWith("The window is 4 h long but the upgrade needs 5 h 37 min, of which"
                + " 3 h to roll back");
        assertThat(upgrades.variable(window, REQUIRED_WINDOW_MINUTES)).isEqualTo(337);
        assertThat(upgrades.variable(window, WINDOW_PLAN)).contains(
                "Rollback: 3 h (all nodes together; measured in the rehearsal;");
    }

    @Test
    void shouldRefuseAWindowInTheYearEndFreeze() {
        LocalDate nextYearEnd = LocalDate.now(ZoneOffset.UTC).plusYears(1).withMonth(12).withDayOfMonth(26)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY));
        Instant start = nextYearEnd.atStartOfDay(ZoneOffset.UTC).toInstant().plus(6, ChronoUnit.HOURS);
        ProcessInstance window = start("finance-reports", start, start.plus(8, ChronoUnit.HOURS), Map.of());

        assertThat(problems(upgrades.task(window, MaintenanceWindowProcess.TASK_REPLAN_WINDOW)))
                .startsWith("The window falls into the change freeze 'Year-end freeze' (")
                .endsWith("UTC): no upgrades then.");
    }

    @Test
    void shouldRefuseAWindowInThePeakPeriodsOfTheSystem() {
        // A Wednesday mid-month, 10:00–18:00 UTC: business hours of finance-reports.
        Instant start = Upgrades.nextQuietWindowStart().plus(4, ChronoUnit.DAYS).plus(4, ChronoUnit.HOURS);
        ProcessInstance window = start("finance-reports", start, start.plus(8, ChronoUnit.HOURS), Map.of());

        assertThat(problems(upgrades.task(window, MaintenanceWindowProcess.TASK_REPLAN_WINDOW)))
                .startsWith("The window overlaps the peak period 'Business hours' (Mon, Tue, Wed, Thu, Fri,"
                        + " 08:00–17:00 Europe/Berlin): Wed ");
    }

    @Test
    void shouldRefuseAWindowThatConflictsWithAnUpgradeOfASystemItDependsOn() {
        Instant start = Upgrades.nextQuietWindowStart();
        ProcessInstance database = upgrades.start("rita", new UpgradeRequest("billing-db", "16.4", "SECURITY_FIX", null,
                "fix authentication vulnerability in login", new UpgradeRequest.Window(start.toString(),
                start.plus(8, ChronoUnit.HOURS).toString()), false, null, null));
        try {
            String databaseUpgrade = upgrades.businessKey(database);
            ProcessInstance window = start("finance-reports", start.plus(2, ChronoUnit.HOURS),
                    start.plus(10, ChronoUnit.HOURS), Map.of());

            assertThat(problems(upgrades.task(window, MaintenanceWindowProcess.TASK_REPLAN_WINDOW))).isEqualTo(
                    "The window conflicts with upgrade " + databaseUpgrade + " of billing-db, which finance-reports"
                            + " depends on, scheduled " + utc(start) + " – " + utc(start.plus(8, ChronoUnit.HOURS))
                            + " UTC. Choose a time after it or agree on an order.");

            // The database's own window does not conflict with itself.
            ProcessInstance same = startWith("billing-db", start, start.plus(8, ChronoUnit.HOURS),
                    Map.of("upgradeId", databaseUpgrade), databaseUpgrade + "-window");
            assertThat(upgrades.variable(same, WINDOW_FITS)).isEqualTo(true);
        } finally {
            engine.getRuntimeService().deleteProcessInstance(database.getId(), "test finished");
        }
    }

    @Test
    void shouldValidateTheReplannedWindowLikeANewRequest() {
        Instant start = Upgrades.nextQuietWindowStart();
        ProcessInstance window = start("finance-reports", start, start.plus(2, ChronoUnit.HOURS), Map.of());

        upgrades.complete("rita", upgrades.task(window, MaintenanceWindowProcess.TASK_REPLAN_WINDOW), values(
                "requestedWindowStart", "2020-01-01T00:00:00Z", "requestedWindowEnd", "soon"));

        String problems = problems(upgrades.task(window, MaintenanceWindowProcess.TASK_REPLAN_WINDOW));
        assertThat(problems).contains("window.start: lies in the past",
                "window.end: 'soon' is not an ISO-8601 instant");
        assertThat(upgrades.variable(window, WINDOW_FITS)).isEqualTo(false);
        // The window checked before stays as it was.
        assertThat(upgrades.variable(window, WINDOW_START)).isEqualTo(Date.from(start));

        Instant tooSoon = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        upgrades.complete("rita", upgrades.task(window, MaintenanceWindowProcess.TASK_REPLAN_WINDOW), values(
                "requestedWindowStart", tooSoon.toString(),
                "requestedWindowEnd", tooSoon.plus(8, ChronoUnit.HOURS).toString()));
        assertThat(problems(upgrades.task(window, MaintenanceWindowProcess.TASK_REPLAN_WINDOW)))
                .contains("window.start: starts before the minimum lead time of PT72H");
    }

    @Test
    void shouldSendTheWindowBackWhenAnOnCallRoleIsNotAvailableAndAskEveryoneAgain() {
        Instant start = Upgrades.nextQuietWindowStart();
        ProcessInstance window = start("finance-reports", start, start.plus(8, ChronoUnit.HOURS), Map.of());

        upgrades.complete("olga", confirmation(window, "reporting-owners"), values("available", "yes"));
        upgrades.complete("dora", confirmation(window, "dba"), values("available", "no",
                "availabilityComment", "on leave that week, nobody else knows the extracts"));

        assertThat(upgrades.tasks(window, MaintenanceWindowProcess.TASK_CONFIRM_AVAILABILITY)).isEmpty();
        Task replan = upgrades.task(window, MaintenanceWindowProcess.TASK_REPLAN_WINDOW);
        assertThat(problems(replan)).isEqualTo("Support is not available: dora (Database administrator, group dba)"
                + " cannot be reachable during the window: on leave that week, nobody else knows the extracts");
        assertThat(upgrades.variable(window, SUPPORT_CONFIRMATIONS)).contains(
                "olga is available", "dora is NOT available");

        Instant later = Upgrades.nextQuietWindowStart();
        upgrades.complete("rita", replan, values("requestedWindowStart", later.toString(),
                "requestedWindowEnd", later.plus(8, ChronoUnit.HOURS).toString()));

        List<Task> again = upgrades.tasks(window, MaintenanceWindowProcess.TASK_CONFIRM_AVAILABILITY);
        assertThat(again).hasSize(3);
        upgrades.complete("olga", confirmation(window, "reporting-owners"), values("available", "yes"));
        upgrades.complete("oscar", confirmation(window, "operations"), values("available", "yes"));
        upgrades.complete("dora", confirmation(window, "dba"), values("available", "yes"));

        BpmnAwareTests.assertThat(window).isEnded().hasPassed(MaintenanceWindowProcess.END_WINDOW_CONFIRMED);
        assertThat(upgrades.variable(window, WINDOW_START)).isEqualTo(Date.from(later));
        assertThat(upgrades.variable(window, SUPPORT_CONFIRMATIONS)).doesNotContain("NOT available")
                .contains("dora is available");
    }

    @Test
    void shouldRequireAnAnswerAndAReasonForARefusal() {
        Instant start = Upgrades.nextQuietWindowStart();
        ProcessInstance window = start("finance-reports", start, start.plus(8, ChronoUnit.HOURS), Map.of());
        Task dba = confirmation(window, "dba");

        assertThatThrownBy(() -> upgrades.complete("dora", dba, values("available", "no")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("availabilityComment");
        assertThatThrownBy(() -> upgrades.complete("dora", dba, values("available", "maybe")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("available: answer yes or no");
        assertThat(upgrades.tasks(window, MaintenanceWindowProcess.TASK_CONFIRM_AVAILABILITY)).hasSize(3);
    }

    private ProcessInstance start(String systemId, Instant start, Instant end, Map<String, Object> extra) {
        String upgradeId = "UPG-TEST-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> variables = new HashMap<>(extra);
        variables.put("upgradeId", upgradeId);
        return startWith(systemId, start, end, variables, upgradeId);
    }

    private ProcessInstance startWith(String systemId, Instant start, Instant end, Map<String, Object> extra,
                                      String businessKey) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("systemId", systemId);
        variables.put("requester", "rita");
        variables.put("upgradeTitle", businessKey + ": " + systemId + " upgrade");
        variables.put("taskPriority", 50);
        variables.put("requestedWindowStart", start.toString());
        variables.put("requestedWindowEnd", end.toString());
        variables.put("windowStart", Date.from(start));
        variables.put("windowEnd", Date.from(end));
        variables.put("minimumLeadTime", "PT72H");
        variables.put("productionNodeCount", 1);
        variables.put("canaryNodes", 1);
        variables.put("maxParallelNodes", 2);
        variables.put("stagedRollout", true);
        variables.putAll(extra);
        // a phase started on its own, as its call activity would start it
        return upgrades.asApplication(() -> engine.getRuntimeService()
                .startProcessInstanceByKey(MaintenanceWindowProcess.KEY, businessKey, variables));
    }

    /** Midnight UTC of a Saturday at least {@code days} ahead, between the 8th and the 24th, outside Dec/Jan. */
    private String problems(Task task) {
        return ProcessVariables.of(engine, task).get(WINDOW_PROBLEMS);
    }

    /** The open "Confirm availability" task of this group, as it is now. */
    private Task confirmation(ProcessInstance window, String group) {
        return upgrades.tasks(window, MaintenanceWindowProcess.TASK_CONFIRM_AVAILABILITY).stream().filter(task -> candidateGroup(task).equals(group)).findFirst().orElseThrow();
    }

    private String candidateGroup(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).findFirst().orElse(null);
    }

    private static String utc(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", java.util.Locale.ENGLISH)
                .withZone(ZoneOffset.UTC).format(instant);
    }
}
