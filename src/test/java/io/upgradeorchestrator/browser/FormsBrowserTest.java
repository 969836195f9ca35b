package io.upgradeorchestrator.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.upgradeorchestrator.testing.Upgrades.values;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.microsoft.playwright.Locator;

import io.upgradeorchestrator.request.UpgradeRequest;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;

/**
 * Every other task form, opened in Tasklist by the person it is for: it renders (no form failure), shows the fact
 * the person has to act on, and is saved as a screenshot. The paths to these tasks are driven through the engine.
 */
@ProcessTest
@BrowserTest
class FormsBrowserTest {

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @LocalServerPort
    int port;
    @Autowired
    Upgrades upgrades;

    @BeforeEach
    void freshDemoTarget() {
        upgrades.freshDemoTarget(); // earlier tests may have broken demo nodes on purpose
    }

    static BrowserSession browser;

    @BeforeAll
    static void launch() {
        browser = Chromium.launch();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldRenderTheOwnersDeferralForm() {
        ProcessInstance optional = upgrades.start("rita", Upgrades.request("finance-reports", "8.2.1", "OPTIONAL"));
        String id = upgrades.businessKey(optional);
        upgrades.runJobs(optional);

        Tasklist olga = Tasklist.logIn(browser, port, "olga");
        olga.openFilter("Owners of Finance reporting");
        CamundaForm form = olga.openTask("Decide whether to defer " + id);
        assertThat(form.field("Field_Reason")).hasValue("OPTIONAL");
        assertRendered(olga);
        olga.screenshot("decide-deferral");
        olga.close();
    }

    @Test
    void shouldRenderTheRequestersForms() {
        // an invalid request (as a client that skips the form's validation could send it)
        ProcessInstance invalid = upgrades.start("rita", new UpgradeRequest("billing-db", "15.6", "BECAUSE", null,
                "short", new UpgradeRequest.Window("2020-01-01T00:00:00Z", "tomorrow"), false, null, null));
        // an architecture change whose window lies inside its lead time
        Instant tooSoon = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        ProcessInstance early = upgrades.start("rita", new UpgradeRequest("finance-reports", "8.2.1", "ARCHITECTURE",
                null, "move reporting to the new data platform", new UpgradeRequest.Window(tooSoon.toString(),
                tooSoon.plus(3, ChronoUnit.HOURS).toString()), false, null, null));
        // an incompatible target version
        ProcessInstance incompatible = upgrades.start("rita", Upgrades.request("billing-portal", "5.0.0", "NEW_FEATURES"));
        review(incompatible, "MEDIUM");
        // an upgrade sent back by the approver
        ProcessInstance sentBack = upgrades.start("rita", Upgrades.request("finance-reports", "8.2.1", "PERFORMANCE"));
        review(sentBack, "LOW");
        upgrades.prepareAndConfirmWindow(sentBack, "olga");
        upgrades.complete("cora", sentBack, "Task_ApproveUpgrade",
                values("decision", "SEND_BACK", "decisionComment", "Explain the performance gain"));
        upgrades.runJobs(sentBack);

        Tasklist rita = Tasklist.logIn(browser, port, "rita");
        CamundaForm correct = rita.openTask(upgrades.task(invalid, "Task_CorrectRequest"));
        assertThat(correct.field("Field_RequestProblems")).hasValue(Pattern.compile("reason: unknown value 'BECAUSE'"));
        assertRendered(rita);
        rita.screenshot("correct-request");

        CamundaForm window = rita.openTask(upgrades.task(early, "Task_ReviseWindow"));
        assertThat(window.field("Field_WindowProblem")).hasValue(Pattern.compile("minimum lead time"));
        assertRendered(rita);
        rita.screenshot("revise-window");

        CamundaForm replan = rita.openTask(upgrades.task(incompatible, "Task_ReplanOrCancel"));
        assertThat(replan.field("Field_CompatibilityFindings")).hasValue(Pattern.compile("INCOMPATIBLE"));
        assertRendered(rita);
        rita.screenshot("replan-or-cancel");

        CamundaForm revise = rita.openTask(upgrades.task(sentBack, "Task_ReviseRequest"));
        assertThat(revise.field("Field_DecisionReason")).hasValue("Explain the performance gain");
        assertThat(revise.field("Field_DecidedBy")).hasValue("cora");
        assertRendered(rita);
        rita.screenshot("revise-request");
        rita.close();
    }

    private void review(ProcessInstance upgrade, String impact) {
        upgrades.runJobs(upgrade);
        upgrades.complete("olga", upgrade, "Task_ReviewBusinessImpact", values("businessImpact", impact));
        upgrades.runJobs(upgrade);
    }

    private static void assertRendered(Tasklist tasklist) {
        assertThat(tasklist.page().locator(".task-details .alert-danger").filter(
                new Locator.FilterOptions().setHasText("Form failure"))).isHidden();
    }
}
