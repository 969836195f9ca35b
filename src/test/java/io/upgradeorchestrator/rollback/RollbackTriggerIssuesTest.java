package io.upgradeorchestrator.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueDecision;
import io.upgradeorchestrator.issues.IssueSource;
import io.upgradeorchestrator.issues.UpgradeFacts;

/** Each trigger of the rollback decision is an issue with its decision; monitoring's triggers are its own. */
class RollbackTriggerIssuesTest {

    private final RollbackTriggerIssues finder = new RollbackTriggerIssues();

    @ParameterizedTest
    @ValueSource(strings = {"CANARY_FAILED", "FAILURE_THRESHOLD", "HEALTH_GATE", "CORE_CHECK_FAILED",
            "MANUAL_CHECK_FAILED"})
    void aTriggerOfTheWindowIsAnIssueWithItsDecision(String trigger) {
        Map<String, Object> v = new HashMap<>();
        v.put("rollbackTrigger", trigger);
        v.put("rollbackTriggerDetail", trigger + " on billing-db-fra-1");
        v.put("rollbackDecision", "CONTINUE");
        v.put("rollbackDecidedBy", "olga");
        v.put("rollbackReason", "the other nodes carry the load");
        v.put(UpgradeFacts.ROLLBACK_TRIGGERED_AT, Instant.parse("2030-03-09T06:20:00Z"));

        List<Issue> issues = finder.find(new UpgradeFacts("UPG-2030-0001", v));

        assertThat(issues).containsExactly(new Issue(Instant.parse("2030-03-09T06:20:00Z"),
                IssueSource.ROLLBACK_TRIGGER, trigger, trigger + " on billing-db-fra-1", "rollback plan",
                IssueDecision.CONTINUE, "olga", "the other nodes carry the load"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MONITORING_BREACH", "USER_REPORT"})
    void aTriggerFromMonitoringIsLeftToMonitoring(String trigger) {
        assertThat(finder.find(new UpgradeFacts("UPG-2030-0001", Map.of("rollbackTrigger", trigger,
                "rollbackDecision", "ROLL_BACK")))).isEmpty();
    }

    @Test
    void anUndecidedTriggerIsStillAnIssueAndNoTriggerIsNone() {
        List<Issue> issues = finder.find(new UpgradeFacts("UPG-2030-0001", Map.of("rollbackTrigger", "CANARY_FAILED")));

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.what()).isEqualTo("CANARY_FAILED");
            assertThat(issue.undecided()).isTrue();
            assertThat(issue.at()).isNull();
        });
        assertThat(finder.find(new UpgradeFacts("UPG-2030-0001", Map.of()))).isEmpty();
    }
}
