package io.upgradeorchestrator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** One test per rule of rollback-deadline-policy.dmn: what happens at the rollback deadline without a decision. */
class RollbackDeadlinePolicyDecisionTest {

    private static final DecisionTable TABLE = DecisionTable.load("rollback-deadline-policy.dmn", "rollbackDeadlinePolicy");

    @Test
    void shouldFixForwardWhenTheMigrationIsIrreversible() {
        var result = evaluate("CORE_CHECK_FAILED", "CRITICAL", true);
        assertThat(result.matchedRules()).first().isEqualTo("Rule_ForwardFixOnly");
        assertThat(result.singleResult()).containsEntry("action", "CONTINUE");
        assertThat((String) result.singleResult().get("reason")).startsWith("Deadline policy:").contains("irreversible");
    }

    @Test
    void shouldRollBackAFailedCanary() {
        var result = evaluate("CANARY_FAILED", "LOW", false);
        assertThat(result.matchedRules()).first().isEqualTo("Rule_CanaryFailed");
        assertThat(result.singleResult()).containsEntry("action", "ROLL_BACK");
    }

    @Test
    void shouldRollBackAnImpairedServiceAtAnyRisk() {
        assertThat(evaluate("HEALTH_GATE", "LOW", false).matchedRules()).first().isEqualTo("Rule_ServiceImpaired");
        var result = evaluate("CORE_CHECK_FAILED", "MEDIUM", false);
        assertThat(result.matchedRules()).first().isEqualTo("Rule_ServiceImpaired");
        assertThat(result.singleResult()).containsEntry("action", "ROLL_BACK");
    }

    @Test
    void shouldRollBackAtHighRisk() {
        var result = evaluate("MANUAL_CHECK_FAILED", "HIGH", false);
        assertThat(result.matchedRules()).first().isEqualTo("Rule_HighRisk");
        assertThat(result.singleResult()).containsEntry("action", "ROLL_BACK");
    }

    @Test
    void shouldTurnManualFindingsAtLowRiskIntoFollowUps() {
        var result = evaluate("MANUAL_CHECK_FAILED", "MEDIUM", false);
        assertThat(result.matchedRules()).first().isEqualTo("Rule_ManualFindingsLowRisk");
        assertThat(result.singleResult()).containsEntry("action", "CONTINUE");
    }

    @Test
    void shouldRollBackWhenInDoubt() {
        var result = evaluate("FAILURE_THRESHOLD", "LOW", false);
        assertThat(result.matchedRules()).first().isEqualTo("Rule_Otherwise");
        assertThat(result.singleResult()).containsEntry("action", "ROLL_BACK");
        // a missing fact is no reason to continue either
        assertThat(evaluate("FAILURE_THRESHOLD", null, null).singleResult()).containsEntry("action", "ROLL_BACK");
    }

    private static DecisionTable.Evaluation evaluate(String trigger, String riskLevel, Boolean forwardFixOnly) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("rollbackTrigger", trigger);
        facts.put("riskLevel", riskLevel);
        facts.put("forwardFixOnly", forwardFixOnly);
        return TABLE.evaluate(facts);
    }
}
