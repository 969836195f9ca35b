package io.upgradeorchestrator.cockpit;

import static io.upgradeorchestrator.testing.Upgrades.values;
import static io.upgradeorchestrator.variables.UpgradeVariables.PHASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionRequest;
import io.upgradeorchestrator.action.ActionRunner;
import io.upgradeorchestrator.action.CommandSpec;
import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.ProcessTest;
import io.upgradeorchestrator.testing.Smtp;
import io.upgradeorchestrator.testing.Upgrades;

/** The upgrade summary behind the Cockpit tab, through its API door and without a webapp login. */
@ProcessTest
class UpgradeSummaryApiTest {

    @RegisterExtension
    static GreenMailExtension smtp = Smtp.server();

    @LocalServerPort
    int port;
    @Autowired
    Upgrades upgrades;
    @Autowired
    ActionRunner actions;

    @BeforeEach
    void freshDemoTarget() {
        upgrades.freshDemoTarget(); // earlier tests may have broken demo nodes on purpose
    }

    @Test
    void shouldSummarizeAnUpgradeWithItsApprovalRounds() {
        ProcessInstance upgrade = upgrades.start("rita", Upgrades.request("finance-reports", "8.2.1", "PERFORMANCE"));
        String id = upgrades.businessKey(upgrade);
        upgrades.runJobs(upgrade);
        upgrades.complete("olga", upgrade, "Task_ReviewBusinessImpact", values("businessImpact", "LOW"));
        upgrades.prepareAndConfirmWindow(upgrade, "olga");
        upgrades.complete("cora", upgrade, "Task_ApproveUpgrade",
                values("decision", "SEND_BACK", "decisionComment", "Explain the performance gain"));
        upgrades.runJobs(upgrade);
        // a check that failed against the target while the upgrade runs
        actions.run(new ActionRequest(id + ":test:acceptance", id, "finance-reports-fra-1", "acceptance: Report opens",
                CommandSpec.of("false"), new ActionContext(id, "finance-reports", "finance-reports-fra-1", null, "8.2.0",
                "8.2.1", null, null), null));

        Http http = new Http(port);
        Http.Reply reply = http.get("oscar", "/api/upgrades/" + id + "/summary");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode summary = reply.json();
        assertThat(summary.at("/upgrade/id").asText()).isEqualTo(id);
        assertThat(summary.at("/upgrade/phase").asText()).isEqualTo(upgrades.variable(upgrade, PHASE));
        assertThat(summary.at("/upgrade/requester").asText()).isEqualTo("rita");
        assertThat(summary.at("/approvalRounds/0/outcome").asText()).isEqualTo("SENT_BACK");
        assertThat(summary.at("/approvalRounds/0/approvals/0/approver").asText()).isEqualTo("cora");
        assertThat(summary.at("/approvalRounds/0/approvals/0/comment").asText()).isEqualTo("Explain the performance gain");
        assertThat(summary.at("/upgrade/openTasks/0/taskDefinitionKey").asText()).isEqualTo("Task_ReviseRequest");
        // the backup readiness ran against the demo target: backup, verify, restore, verify restore
        assertThat(summary.get("actionRuns").findValuesAsText("actionName"))
                .containsSubsequence("backup", "verifyBackup", "restore", "verifyRestore");
        assertThat(summary.get("actionRuns").findValuesAsText("status")).contains("SUCCEEDED", "FAILED");
        // the same issues and acts as the record will have, while the upgrade runs
        assertThat(summary.get("issues")).hasSize(1);
        assertThat(summary.at("/issues/0/source").asText()).isEqualTo("FAILED_CHECK");
        assertThat(summary.at("/issues/0/subject").asText()).isEqualTo("finance-reports-fra-1");
        assertThat(summary.at("/issues/0/what").asText()).startsWith("acceptance: Report opens on finance-reports-fra-1 failed");
        List<String> acts = new ArrayList<>();
        summary.get("acts").forEach(a -> acts.add(a.get("act").asText() + " " + a.get("who").asText()));
        assertThat(acts).startsWith("REQUESTED rita", "REVIEWED_IMPACT olga").endsWith("DECIDED_APPROVAL cora");
        assertThat(summary.at("/acts/0/at").asText()).isNotBlank();

        // sam (security) may not read upgrade history: the upgrade does not exist for him
        assertThat(http.get("sam", "/api/upgrades/" + id + "/summary").status()).isEqualTo(404);
        assertThat(http.get(null, "/api/upgrades/" + id + "/summary").status()).isEqualTo(401);
        // the Cockpit plugin's resource answers only a webapp session
        assertThat(http.get(null, "/camunda/api/cockpit/plugin/upgrade/default/process-instance/" + upgrade.getId())
                .status()).isIn(401, 403);
    }
}
