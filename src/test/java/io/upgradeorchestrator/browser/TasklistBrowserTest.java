package io.upgradeorchestrator.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.upgradeorchestrator.testing.Upgrades.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;

import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Upgrades;
import io.upgradeorchestrator.upgrade.SystemUpgradeProcess;

/**
 * The people's path through Tasklist in a real browser: a requester starts an upgrade with the start form (and the
 * form refuses a bad window first), the system owner reviews the business impact, a change manager approves, and a
 * change manager who requested his own upgrade is refused. Every form reached is saved as a screenshot.
 */
@ProcessTest
@BrowserTest
class TasklistBrowserTest extends BrowserTestSupport {

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;

    @Test
    void shouldTakeAnUpgradeFromTheStartFormThroughImpactReviewToApproval() {
        String purpose = "cut report generation time for month-end close (" + Instant.now().toEpochMilli() + ")";

        // rita fills the start form; a bad system id and a window in the past are refused by the form itself
        Tasklist rita = Tasklist.logIn(browser, port, "rita");
        CamundaForm request = rita.openStartForm("System upgrade");
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        request.fill("Field_SystemId", "Finance Reports!")
                .fill("Field_TargetVersion", "8.2.1")
                .choose("Field_Reason", "Performance")
                .fill("Field_Purpose", purpose)
                .date("Field_RequestedWindowStart", yesterday).time("Field_RequestedWindowStart", LocalTime.of(22, 0))
                .date("Field_RequestedWindowEnd", yesterday.plusDays(1)).time("Field_RequestedWindowEnd", LocalTime.of(2, 0));
        long upgradesBefore = startedUpgrades();
        rita.screenshot("upgrade-request-refused");
        assertThat(rita.startButton()).isDisabled();
        assertThat(request.error("Field_SystemId")).isVisible();
        assertThat(request.error("Field_RequestedWindowStart")).isVisible();
        assertThat(rita.startDialog()).isVisible();
        assertThat(startedUpgrades()).as("nothing started while the form refuses the input").isEqualTo(upgradesBefore);

        // a quiet Saturday morning: outside peak periods, month-ends and the year-end freeze
        LocalDate start = LocalDate.ofInstant(Upgrades.nextQuietWindowStart(), ZoneOffset.UTC);
        request.fill("Field_SystemId", "finance-reports")
                .date("Field_RequestedWindowStart", start).time("Field_RequestedWindowStart", LocalTime.of(6, 0))
                .date("Field_RequestedWindowEnd", start).time("Field_RequestedWindowEnd", LocalTime.of(12, 0));
        assertThat(request.root().locator(".fjs-form-field-error")).hasCount(0);
        rita.screenshot("upgrade-request");
        rita.pressStart();
        assertThat(rita.startDialog()).isHidden();

        ProcessInstance upgrade = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(SystemUpgradeProcess.KEY).variableValueEquals("purpose", purpose).singleResult();
        assertThat(upgrade).as("the upgrade started from the form").isNotNull();
        String id = upgrades.businessKey(upgrade);
        assertThat(upgrades.variable(upgrade, "requester")).isEqualTo("rita");
        assertThat((String) upgrades.variable(upgrade, "requestedWindowStart")).startsWith(start + "T06:00");
        rita.close();
        upgrades.runJobs(upgrade);

        // olga, owner of the system, reviews the business impact through her group's filter
        Tasklist olga = Tasklist.logIn(browser, port, "olga");
        olga.openFilter("Owners of Finance reporting");
        CamundaForm review = olga.openTask("Review business impact of " + id);
        assertThat(review.field("Field_UpgradeTitle")).hasValue(id + ": Finance reporting (internal) 8.2.0 → 8.2.1");
        assertThat(review.field("Field_Purpose")).hasValue(purpose);
        assertThat(review.field("Field_TierLabel")).hasValue(Pattern.compile("Tier 3"));
        assertThat(review.field("Field_BusinessServices")).hasValue(Pattern.compile("Monthly financial statements"));
        assertThat(review.field("Field_DependsOn")).hasValue(Pattern.compile("billing-db"));
        assertThat(review.field("Field_PeakPeriods")).hasValue(Pattern.compile("Month-end close"));
        assertThat(review.field("Field_NodeSummary")).hasValue(Pattern.compile("8\\.2\\.0"));
        olga.screenshot("review-business-impact");
        olga.claim();
        review.pick("Field_BusinessImpact", "Low — ordinary maintenance hours are fine");
        review.fill("Field_ImpactNotes", "Reports can wait a night");
        olga.complete();
        olga.waitForTaskClosed("Review business impact of " + id);
        assertThat(upgrades.tasks(upgrade, "Task_ReviewBusinessImpact")).isEmpty();
        olga.close();
        // rollback plan, tested backup, window and on-call confirmations (their forms: FormsBrowserTest)
        upgrades.prepareAndConfirmWindow(upgrade, "olga");

        // cora, a change manager, sees the facts and approves
        Tasklist cora = Tasklist.logIn(browser, port, "cora");
        cora.openFilter("Change managers");
        CamundaForm approval = cora.openTask("Approve " + id);
        assertThat(approval.field("Field_Purpose")).hasValue(purpose);
        assertThat(approval.field("Field_Requester")).hasValue("rita");
        assertThat(approval.field("Field_RiskLevel")).hasValue("LOW");
        assertThat(approval.field("Field_BusinessImpact")).hasValue("LOW");
        assertThat(approval.field("Field_ImpactNotes")).hasValue("Reports can wait a night");
        assertThat(approval.field("Field_DriftSummary")).not().isEmpty();
        assertThat(approval.field("Field_Compatibility")).hasValue("COMPATIBLE");
        assertThat(approval.field("Field_CompatibilityFindings")).not().isEmpty();
        cora.screenshot("approve-upgrade");
        cora.claim();
        approval.pick("Field_Decision", "Approve");
        cora.complete();
        cora.waitForTaskClosed("Approve " + id);
        cora.close();
        upgrades.runJobs(upgrade);

        assertThat(upgrades.variable(upgrade, "approvalOutcome")).isEqualTo("APPROVED");
        assertThat(upgrades.variable(upgrade, "phase")).isEqualTo("ANNOUNCE");
    }

    @Test
    void shouldNotShowTheRequesterTheApprovalOfHisOwnUpgrade() {
        // carl, a change manager, requests an upgrade himself; the owner reviews it
        ProcessInstance upgrade = upgrades.start("carl", Upgrades.request("finance-reports", "8.2.1", "PERFORMANCE"));
        String id = upgrades.businessKey(upgrade);
        upgrades.runJobs(upgrade);
        upgrades.complete("olga", upgrade, "Task_ReviewBusinessImpact", values("businessImpact", "LOW"));
        upgrades.prepareAndConfirmWindow(upgrade, "olga");

        // the change managers' filter lists the approval for cora ...
        Tasklist cora = Tasklist.logIn(browser, port, "cora");
        cora.openFilter("Change managers");
        assertThat(cora.tasks("Approve " + id).first()).isVisible();
        cora.close();

        // ... and not for carl, who requested it; opened by its link, Tasklist finds no such task for him
        Tasklist carl = Tasklist.logIn(browser, port, "carl");
        carl.openFilter("Change managers");
        carl.waitForTaskList();
        assertThat(carl.tasks("Approve " + id)).hasCount(0);
        carl.screenshot("approve-upgrade-hidden-from-requester");
        carl.openTaskLink(upgrades.task(upgrade, "Task_ApproveUpgrade"));
        assertThat(carl.notifications().first()).isVisible();
        assertThat(carl.completeButton()).hasCount(0);
        assertThat(upgrades.task(upgrade, "Task_ApproveUpgrade").getAssignee()).isNull();
        carl.close();
    }

    private long startedUpgrades() {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(SystemUpgradeProcess.KEY).count();
    }
}
