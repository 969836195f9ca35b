package io.upgradeorchestrator.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.upgradeorchestrator.testing.Upgrades.values;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import io.upgradeorchestrator.testing.ProcessTest;

/**
 * The forms of the window itself, opened by the people they are for: the owner's manual checks, the rollback
 * decision, operations' decision on a monitoring breach, and the post-implementation review.
 */
@ProcessTest
@BrowserTest
class ChangeFormsBrowserTest extends BrowserTestSupport {

    static final String PRODUCTION_NODE = "finance-reports-fra-1";

    @AfterEach
    void resetClock() {
        upgrades.resetClock();
    }

    @Test
    void shouldRenderTheManualChecksTheBreachDecisionAndTheReview() throws Exception {
        ProcessInstance upgrade = upgrades.approvedFinanceReportsUpgrade(true);
        String id = upgrades.businessKey(upgrade);
        upgrades.startWindow(upgrade);

        Tasklist olga = Tasklist.logIn(browser, port, "olga");
        CamundaForm checks = olga.openTask(upgrades.task(upgrade, "Task_CheckManually"));
        assertThat(checks.field("Field_UpgradeTitle")).hasValue(Pattern.compile(id));
        assertThat(checks.field("Field_VerificationSummary")).not().isEmpty();
        assertRendered(olga);
        olga.screenshot("manual-checks");
        olga.close();
        upgrades.complete("olga", upgrade, "Task_CheckManually",
                values("manualChecksDone", "Opened this month's report", "manualChecksOk", "yes"));
        upgrades.runJobs(upgrade);

        // the service stops answering: the next monitoring round finds the breach
        Path current = upgrades.demoNode(PRODUCTION_NODE).resolve("current");
        Files.delete(current);
        Files.createSymbolicLink(current, Path.of("releases/9.9.9"));
        upgrades.passTime(Duration.ofMinutes(16));
        upgrades.runJobs(upgrade);

        Tasklist oscar = Tasklist.logIn(browser, port, "oscar");
        CamundaForm breach = oscar.openTask(upgrades.task(upgrade, "Task_DecideOnBreach"));
        assertThat(breach.field("Field_UpgradeTitle")).hasValue(Pattern.compile(id));
        assertThat(breach.field("Field_LastProbeResults")).not().isEmpty();
        assertRendered(oscar);
        oscar.screenshot("decide-monitoring-breach");
        oscar.close();
        upgrades.complete("oscar", upgrade, "Task_DecideOnBreach",
                values("monitoringDecision", "ROLL_BACK", "monitoringDecisionReason", "reports cannot be opened"));
        upgrades.runJobs(upgrade);

        Tasklist reviewer = Tasklist.logIn(browser, port, "olga");
        CamundaForm review = reviewer.openTask(upgrades.task(upgrade, "Task_ReviewUpgrade"));
        assertThat(review.field("Field_CloseAs")).hasValue("ROLLED_BACK");
        assertRendered(reviewer);
        reviewer.screenshot("post-implementation-review");
        reviewer.close();
    }

    @Test
    void shouldRenderTheRollbackDecisionForTheDecisionOwner() throws Exception {
        ProcessInstance upgrade = upgrades.approvedFinanceReportsUpgrade(false);
        String id = upgrades.businessKey(upgrade);
        // a file where the new release must go: the canary's upgrade fails, and the plan says a person decides
        Files.writeString(upgrades.demoNode(PRODUCTION_NODE).resolve("releases/8.2.1"), "not a release folder");
        upgrades.startWindow(upgrade);

        Tasklist olga = Tasklist.logIn(browser, port, "olga");
        CamundaForm decision = olga.openTask(upgrades.task(upgrade, "Task_DecideRollback"));
        assertThat(decision.field("Field_UpgradeTitle")).hasValue(Pattern.compile(id));
        assertThat(decision.field("Field_RollbackTrigger")).hasValue(Pattern.compile("CANARY_FAILED"));
        assertRendered(olga);
        olga.screenshot("decide-rollback");
        olga.close();
    }
}
