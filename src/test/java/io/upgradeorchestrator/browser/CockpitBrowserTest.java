package io.upgradeorchestrator.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.upgradeorchestrator.testing.Upgrades.values;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;

import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Upgrades;

/**
 * Operations open a running upgrade in Cockpit and read where it stands on the "Upgrade" tab (our Cockpit plugin),
 * logged in with Cockpit's own login, as {@code oscar} of group operations.
 */
@ProcessTest
@BrowserTest
class CockpitBrowserTest extends BrowserTestSupport {

    @Test
    void shouldShowTheUpgradeTabWithPhaseApprovalsAndOpenTasks() {
        // an upgrade sent back by a change manager waits for its requester to revise it
        ProcessInstance upgrade = upgrades.start("rita", Upgrades.request("finance-reports", "8.2.1", "PERFORMANCE"));
        String id = upgrades.businessKey(upgrade);
        upgrades.runJobs(upgrade);
        upgrades.complete("olga", upgrade, "Task_ReviewBusinessImpact", values("businessImpact", "LOW"));
        upgrades.prepareAndConfirmWindow(upgrade, "olga");
        upgrades.complete("cora", upgrade, "Task_ApproveUpgrade",
                values("decision", "SEND_BACK", "decisionComment", "Explain the performance gain"));
        upgrades.runJobs(upgrade);
        String phase = (String) upgrades.variable(upgrade, "phase");

        Cockpit oscar = Cockpit.logIn(browser, port, "oscar");
        Locator tab = oscar.openInstanceTab(upgrade.getId(), "Upgrade");
        Locator summary = tab.locator("[data-test='upgrade-summary']");
        assertThat(summary.locator("h3")).containsText(id + ": Finance reporting (internal) 8.2.0 → 8.2.1");
        assertThat(summary.locator("[data-test='phase']")).hasText(phase);
        assertThat(summary.locator("[data-test='status']")).hasText("RUNNING");
        assertThat(summary.locator("[data-test='requester']")).hasText("rita");
        assertThat(summary.locator("[data-test='approval-outcome']")).hasText("SENT_BACK");
        Locator approval = summary.locator("[data-test='approvals'] tbody tr");
        assertThat(approval).hasCount(1);
        assertThat(approval).containsText(new String[] {"cora"});
        assertThat(approval.first()).containsText("change-managers");
        assertThat(approval.first()).containsText("SEND_BACK");
        assertThat(approval.first()).containsText("Explain the performance gain");
        assertThat(summary.locator("[data-test='open-tasks'] tbody tr").first()).containsText("Revise UPG-");
        assertThat(summary.locator("[data-test='action-runs'] tbody tr").first()).containsText("backup");
        assertThat(summary.locator("[data-test='incidents-empty']")).isVisible();
        oscar.screenshot("cockpit-upgrade-tab");
        oscar.close();
    }
}
