package io.upgradeorchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueDecision;
import io.upgradeorchestrator.issues.IssueSource;

/** What a monitoring decision does to the issues: a breach becomes one, everything undecided is decided. */
class MonitoringIssuesTest {

    private static final Instant T = Instant.parse("2030-03-10T08:00:00Z");

    @Test
    void aDecidedBreachIsAnIssueFoundWhenItsTaskOpened() {
        List<Issue> issues = MonitoringDecisionRule.decide(List.of(), "MONITORING_BREACH", "Health answer",
                "Probe round 3 breached: Health answer on fra-1: 503", Date.from(T), IssueDecision.ACCEPT, "oscar",
                "within SLA");

        assertThat(issues).containsExactly(new Issue(T, IssueSource.MONITORING_BREACH, "Health answer",
                "Probe round 3 breached: Health answer on fra-1: 503", "monitoring probe", IssueDecision.ACCEPT, "oscar",
                "within SLA"));
    }

    @Test
    void reportsThatJoinedTheDecisionAreDecidedWithItEarlierDecisionsStay() {
        Issue earlier = Issue.found(T, IssueSource.USER_REPORT, null, "slow login", "rita")
                .decided(IssueDecision.ACCEPT, "olga", "known");
        Issue first = Issue.found(T.plusSeconds(60), IssueSource.USER_REPORT, null, "export fails", "carl");
        Issue joined = Issue.found(T.plusSeconds(120), IssueSource.USER_REPORT, null, "exports still fail", "rita");
        Issue drift = Issue.found(T, IssueSource.CONFIGURATION_DRIFT, null, "cron job removed", "configuration snapshot");

        List<Issue> issues = MonitoringDecisionRule.decide(List.of(earlier, first, joined, drift), "USER_REPORT", null,
                "User report by carl: export fails", null, IssueDecision.ROLL_BACK, "oscar", "audit needs exports");

        assertThat(issues).containsExactly(earlier,
                first.decided(IssueDecision.ROLL_BACK, "oscar", "audit needs exports"),
                joined.decided(IssueDecision.ROLL_BACK, "oscar", "audit needs exports"),
                drift);
    }
}
