package io.upgradeorchestrator.issues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.upgradeorchestrator.variables.Var;

/** Issues as data: one list from every source, in the order found, written and read back without parsing text. */
class IssuesTest {

    private static final Instant T = Instant.parse("2030-03-09T06:10:00Z");

    @Test
    void collectsEverySourceInTheOrderFoundWithUndatedOnesLast() {
        // a source another package adds (configuration drift) needs nothing but a bean of its own
        IssueFinder drift = facts -> List.of(Issue.found(T.plusSeconds(60), IssueSource.CONFIGURATION_DRIFT,
                "finance-reports-fra-1", "settings.properties: report.threads 8 → 4", "configuration snapshot"));
        IssueFinder nodes = facts -> List.of(Issue.found(T, IssueSource.FAILED_NODE, "finance-reports-fra-1",
                "upgrade on finance-reports-fra-1 failed", "upgrade step"));
        IssueFinder trigger = facts -> List.of(Issue.found(null, IssueSource.ROLLBACK_TRIGGER, "CANARY_FAILED",
                "Canary wave failed", "rollback plan").decided(IssueDecision.ROLL_BACK, "automatic (plan)", null));

        List<Issue> all = new Issues(List.of(trigger, drift, nodes)).of(new UpgradeFacts("UPG-2030-0001", Map.of()));

        assertThat(all).extracting(Issue::source).containsExactly(IssueSource.FAILED_NODE,
                IssueSource.CONFIGURATION_DRIFT, IssueSource.ROLLBACK_TRIGGER);
    }

    @Test
    void writesALineForPeopleWithWhenSourceWhatDecisionWhoAndWhy() {
        Issue issue = Issue.found(T, IssueSource.USER_REPORT, "contact ext. 4711", "export slow", "rita")
                .decided(IssueDecision.FIX_FORWARD, "dora", "add index tonight");

        assertThat(issue.line()).isEqualTo("2030-03-09T06:10:00Z USER_REPORT: export slow — FIX_FORWARD by dora: add"
                + " index tonight");
        assertThat(Issue.found(null, IssueSource.FAILED_CHECK, null, "backup failed", "backup step").line())
                .isEqualTo("FAILED_CHECK: backup failed");
        assertThat(issue.knownLimitation()).isTrue();
        assertThat(issue.decided(IssueDecision.ROLL_BACK, "oscar", null).knownLimitation()).isFalse();
    }

    @Test
    void keepsIssuesInAVariableAsJsonAndReadsThemBackAsTheyWere() throws Exception {
        Var<List<Map<String, Object>>> variable = Var.list("someIssues");
        List<Issue> issues = List.of(
                Issue.found(T, IssueSource.MONITORING_BREACH, "Health answer", "error rate 100 %", "monitoring probe")
                        .decided(IssueDecision.ACCEPT, "oscar", "within SLA"),
                Issue.found(null, IssueSource.CONFIGURATION_DRIFT, null, "cron job removed", "configuration snapshot"));

        // the engine writes the object value's maps as JSON (Spin, Jackson): here Jackson alone
        String json = new ObjectMapper().writeValueAsString(((ObjectValue) IssueList.typed(variable, issues)).getValue());

        assertThat(((ObjectValue) IssueList.typed(variable, issues)).getSerializationDataFormat()).isEqualTo("application/json");
        assertThat(IssueList.parse(json)).isEqualTo(issues);
        assertThat(IssueList.parse(null)).isEmpty();
    }

    @Test
    void keepsTheLatestIssuesWhenAFloodOfThemWouldOutgrowAVariable() {
        List<Issue> flood = new ArrayList<>();
        for (int i = 0; i < IssueList.MAX_ISSUES + 5; i++) {
            flood.add(Issue.found(T.plusSeconds(i), IssueSource.USER_REPORT, null, "report " + i, "rita"));
        }

        List<?> maps = (List<?>) ((ObjectValue) IssueList.typed(Var.list("flood"), flood)).getValue();
        List<Issue> kept = maps.stream().map(map -> Issue.fromMap((Map<?, ?>) map)).toList();

        assertThat(kept).hasSize(IssueList.MAX_ISSUES);
        assertThat(kept.get(0).what()).isEqualTo("report 5");
    }

    @Test
    void refusesAnEntryThatIsNotAnIssue() {
        assertThatThrownBy(() -> IssueList.parse("[{\"source\": \"GOSSIP\", \"what\": \"x\"}]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IssueList.parse("[{\"source\": \"USER_REPORT\"}]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not an issue");
    }
}
