package io.upgradeorchestrator.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.upgradeorchestrator.testing.Upgrades.values;

import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;


import io.upgradeorchestrator.request.UpgradeRequest;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Upgrades;

/**
 * Every other task form, opened in Tasklist by the person it is for: it renders (no form failure), shows the fact
 * the person has to act on, and is saved as a screenshot. The paths to these tasks are driven through the engine.
 */
@ProcessTest
@BrowserTest
class FormsBrowserTest extends BrowserTestSupport {

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

    @Test
    void shouldRenderTheOwnersRollbackPlanForm() {
        ProcessInstance upgrade = upgrades.start("rita", Upgrades.request("finance-reports", "8.2.1", "PERFORMANCE"));
        review(upgrade, "LOW");

        Tasklist olga = Tasklist.logIn(browser, port, "olga");
        CamundaForm form = olga.openTask(upgrades.task(upgrade, "Task_PlanRollback"));
        assertThat(form.field("Field_RollbackSteps")).hasValue(Pattern.compile("rollback\\.sh"));
        assertThat(form.field("Field_RollbackDecisionOwner")).hasValue("reporting-owners");
        assertRendered(olga);
        olga.screenshot("rollback-plan");
        olga.close();
    }

    @Test
    void shouldRenderTheOperationsBackupProblemForm() {
        FileSystemUtils.deleteRecursively(upgrades.demoNode("finance-reports-fra-1").resolve("data").toFile());
        ProcessInstance upgrade = upgrades.start("rita", Upgrades.request("finance-reports", "8.2.1", "PERFORMANCE"));
        review(upgrade, "LOW");
        upgrades.complete("olga", upgrade, "Task_PlanRollback", values());
        upgrades.runJobs(upgrade);

        Tasklist oscar = Tasklist.logIn(browser, port, "oscar");
        CamundaForm form = oscar.openTask(upgrades.task(upgrade, "Task_ResolveBackupProblem"));
        assertThat(form.field("Field_BackupSummary")).hasValue(Pattern.compile(
                "^Backup failed on finance-reports-fra-1.*is not a provisioned demo node", Pattern.DOTALL));
        assertRendered(oscar);
        oscar.screenshot("resolve-backup-problem");
        oscar.close();
    }

    @Test
    void shouldRenderTheRequestersFailedRehearsalForm() throws Exception {
        Files.writeString(upgrades.demoNode("billing-portal-test-1").resolve("data/invoices.csv"),
                "3001;truncated row\n", StandardOpenOption.APPEND);
        ProcessInstance upgrade = upgrades.start("rita", Upgrades.request("billing-portal", "4.9.0", "PERFORMANCE"));
        upgrades.runJobs(upgrade);
        upgrades.complete("olga", upgrade, "Task_ReviewBusinessImpact", values("businessImpact", "HIGH",
                "impactNotes", "Customers cannot download invoices while the portal is down")); // high: a rehearsal
        upgrades.runJobs(upgrade);
        upgrades.complete("olga", upgrade, "Task_PlanRollback", values());
        upgrades.runJobs(upgrade);

        Tasklist rita = Tasklist.logIn(browser, port, "rita");
        CamundaForm form = rita.openTask(upgrades.task(upgrade, "Task_ReviewFailedRehearsal"));
        assertThat(form.field("Field_RehearsalSummary")).hasValue(Pattern.compile("^Rehearsal FAILED"));
        assertThat(form.field("Field_AcceptanceSummary")).hasValue(Pattern.compile("CORE Invoices readable FAILED"));
        assertRendered(rita);
        rita.screenshot("review-failed-rehearsal");
        rita.close();
    }

    @Test
    void shouldRenderTheWindowForms() {
        // a two-hour window: too short for the upgrade and its rollback
        Instant start = Upgrades.nextQuietWindowStart();
        ProcessInstance tooShort = upgrades.start("rita", new UpgradeRequest("finance-reports", "8.2.1", "PERFORMANCE",
                null, "cut report generation time for month-end close", new UpgradeRequest.Window(start.toString(),
                start.plus(2, ChronoUnit.HOURS).toString()), false, null, null));
        review(tooShort, "LOW");
        upgrades.complete("olga", tooShort, "Task_PlanRollback", values());
        upgrades.runJobs(tooShort);
        // a window that fits: each on-call role is asked whether it will be there
        ProcessInstance fits = upgrades.start("rita", Upgrades.request("finance-reports", "8.2.1", "PERFORMANCE"));
        review(fits, "LOW");
        upgrades.complete("olga", fits, "Task_PlanRollback", values());
        upgrades.runJobs(fits);

        Tasklist rita = Tasklist.logIn(browser, port, "rita");
        CamundaForm replan = rita.openTask(upgrades.task(tooShort, "Task_ReplanWindow"));
        assertThat(replan.field("Field_WindowProblems")).hasValue(Pattern.compile(
                "^The window is 2 h long but the upgrade needs"));
        assertRendered(rita);
        rita.screenshot("replan-maintenance-window");
        rita.close();

        Task operations = upgrades.tasks(fits, "Task_ConfirmAvailability").stream()
                .filter(task -> "oscar".equals(upgrades.memberOfCandidateGroup(task))).findFirst().orElseThrow();
        Tasklist oscar = Tasklist.logIn(browser, port, "oscar");
        CamundaForm confirm = oscar.openTask(operations);
        assertThat(confirm.field("Field_WindowText")).hasValue(Pattern.compile("UTC"));
        assertThat(confirm.field("Field_WindowPlan")).hasValue(Pattern.compile("Required window: "));
        assertRendered(oscar);
        oscar.screenshot("confirm-availability");
        oscar.close();
    }

    private void review(ProcessInstance upgrade, String impact) {
        upgrades.runJobs(upgrade);
        upgrades.complete("olga", upgrade, "Task_ReviewBusinessImpact", values("businessImpact", impact));
        upgrades.runJobs(upgrade);
    }

}
