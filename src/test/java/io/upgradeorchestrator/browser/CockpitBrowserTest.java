package io.upgradeorchestrator.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.upgradeorchestrator.testing.Upgrades.values;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;

import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Upgrades;

/**
 * Operations open a running upgrade in Cockpit and read where it stands on the "Upgrade" tab (our Cockpit plugin),
 * logged in with Cockpit's own login, as {@code oscar} of group operations; process owners ({@code paula}) read
 * every diagram there.
 */
@ProcessTest
@BrowserTest
class CockpitBrowserTest extends BrowserTestSupport {

    /** A common screen: process owners read the diagrams in Cockpit and Camunda Modeler at this size. */
    private static final int SCREEN_WIDTH = 1920;
    private static final int SCREEN_HEIGHT = 1080;

    @Autowired
    RepositoryService repositoryService;

    /**
     * One screenshot per diagram in {@code processes/}, as a process owner sees it in Cockpit on a 1920×1080 screen:
     * {@code target/screenshots/<diagram>.png}, e.g. {@code system-upgrade.png}, to look at for labels on labels,
     * shapes or flows (which {@code DiagramLayoutTest} checks on the files) after a change to a diagram.
     */
    @Test
    void shouldShowEveryDiagramInCockpit() {
        Cockpit paula = Cockpit.logIn(browser.newPage(SCREEN_WIDTH, SCREEN_HEIGHT), port, "paula");
        List<Path> screenshots = new ArrayList<>();
        Set<String> shownBefore = Set.of();
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion()
                .orderByProcessDefinitionKey().asc().list()) {
            String diagram = Path.of(definition.getResourceName()).getFileName().toString();
            if (!Files.exists(Path.of("processes", diagram))) {
                continue; // deployed by a test, not one of the diagrams people edit
            }
            List<String> elements = repositoryService.getBpmnModelInstance(definition.getId())
                    .getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList();
            // wait for an element the diagram shown before does not have (ids such as a start event's recur)
            Set<String> before = shownBefore;
            String newElement = elements.stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();
            paula.openProcessDefinition(definition.getId(), newElement);
            screenshots.add(paula.screenshotOfWindow(diagram.replaceFirst("\\.bpmn$", "")));
            shownBefore = Set.copyOf(elements);
        }
        paula.close();
        Assertions.assertThat(screenshots).as("screenshots of the diagrams in processes/")
                .hasSameSizeAs(diagramFiles()).allMatch(Files::isRegularFile);
    }

    private static List<Path> diagramFiles() {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            return files.filter(file -> file.toString().endsWith(".bpmn")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
