package io.upgradeorchestrator.request;

import static io.upgradeorchestrator.testing.Upgrades.request;
import static io.upgradeorchestrator.testing.Upgrades.values;
import static io.upgradeorchestrator.variables.UpgradeVariables.CHANGE_TYPE;
import static io.upgradeorchestrator.variables.UpgradeVariables.PHASE;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUEST_PROBLEMS;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUEST_VALID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_TITLE;
import static io.upgradeorchestrator.variables.UpgradeVariables.URGENCY;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_ACCEPTED;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.ProcessVariables;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;

/** Every path of "Classify upgrade request" (upgrade-intake.bpmn). */
@ProcessTest
class UpgradeIntakeProcessTest {

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
    void shouldClassifyAValidRequestAndMoveOnToAssessment() {
        ProcessInstance upgrade = upgrades.start("rita", request("billing-db", "16.4", "SECURITY_FIX"));

        assertThat(upgrades.variable(upgrade, URGENCY)).isEqualTo("HIGH");
        assertThat(upgrades.variable(upgrade, CHANGE_TYPE)).isEqualTo("NORMAL");
        assertThat(upgrades.variable(upgrade, "taskPriority")).isEqualTo(75);
        assertThat(upgrades.variable(upgrade, WINDOW_ACCEPTED)).isEqualTo(true);
        assertThat(upgrades.variable(upgrade, UPGRADE_TITLE))
                .matches("UPG-\\d{4}-\\d{4}: Billing database \\(PostgreSQL\\) 15.5, 15.6 → 16.4");
        assertThat(upgrades.variable(upgrade, PHASE)).isEqualTo("ASSESS");
    }

    @Test
    void shouldAskTheRequesterToCorrectAnInvalidRequestStartedFromTasklist() {
        UpgradeRequest bad = new UpgradeRequest("billing-db", "15.6", "BECAUSE", null, "short",
                new UpgradeRequest.Window("2020-01-01T00:00:00Z", "tomorrow"), false, null, null);
        ProcessInstance upgrade = upgrades.start("rita", bad);

        Task correction = upgrades.task(upgrade, "Task_CorrectRequest");
        assertThat(correction.getAssignee()).isEqualTo("rita");
        String problems = ProcessVariables.of(engine, correction).get(REQUEST_PROBLEMS);
        assertThat(problems).contains("reason: unknown value 'BECAUSE'", "purpose: is too short",
                "window.start: lies in the past", "window.end: 'tomorrow' is not an ISO-8601 instant");

        UpgradeRequest corrected = request("billing-db", "16.4", "SECURITY_FIX");
        upgrades.complete("rita", correction, values("reason", corrected.reason(), "purpose", corrected.purpose(),
                "requestedWindowStart", corrected.window().start(), "requestedWindowEnd", corrected.window().end()));

        assertThat(upgrades.variable(upgrade, REQUEST_VALID)).isEqualTo(true);
        assertThat(upgrades.variable(upgrade, PHASE)).isEqualTo("ASSESS");
    }

    @Test
    void shouldLetAnOptionalUpgradeGoAheadWhenTheOwnerDoesNotDefer() {
        ProcessInstance upgrade = upgrades.start("rita", request("finance-reports", "8.2.1", "OPTIONAL"));
        assertThat(upgrades.task(upgrade, "Task_DecideDeferral").getName())
                .startsWith("Decide whether to defer UPG-");

        upgrades.complete("olga", upgrade, "Task_DecideDeferral", values("deferUpgrade", false));

        assertThat(upgrades.variable(upgrade, PHASE)).isEqualTo("ASSESS");
    }

    @Test
    void shouldRefuseADeferralWithoutAReason() {
        ProcessInstance upgrade = upgrades.start("rita", request("finance-reports", "8.2.1", "OPTIONAL"));

        assertThatThrownBy(() -> upgrades.complete("olga", upgrade, "Task_DecideDeferral", values("deferUpgrade", true)))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("deferralReason");
    }

    @Test
    void shouldSendAWindowInsideTheLeadTimeBackToTheRequesterToReplan() {
        Instant tooSoon = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        UpgradeRequest architecture = new UpgradeRequest("finance-reports", "8.2.1", "ARCHITECTURE", null,
                "move reporting to the new data platform", new UpgradeRequest.Window(tooSoon.toString(),
                tooSoon.plus(3, ChronoUnit.HOURS).toString()), false, null, null);
        ProcessInstance upgrade = upgrades.start("rita", architecture);

        Task replan = upgrades.task(upgrade, "Task_ReviseWindow");
        assertThat(ProcessVariables.of(engine, replan).get(WINDOW_PROBLEM))
                .contains("window.start: starts before the minimum lead time of PT720H");

        Instant later = Instant.now().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        upgrades.complete("rita", replan, values("requestedWindowStart", later.toString(),
                "requestedWindowEnd", later.plus(3, ChronoUnit.HOURS).toString()));

        assertThat(upgrades.variable(upgrade, WINDOW_ACCEPTED)).isEqualTo(true);
        assertThat(upgrades.variable(upgrade, PHASE)).isEqualTo("ASSESS");
    }
}
