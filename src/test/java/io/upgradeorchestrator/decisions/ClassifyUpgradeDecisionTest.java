package io.upgradeorchestrator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClassifyUpgradeDecisionTest {

    static final List<String> REASONS = List.of("SECURITY_FIX", "CRITICAL_BUG", "COMPLIANCE", "END_OF_SUPPORT",
            "PERFORMANCE", "NEW_FEATURES", "HARDWARE_SUPPORT", "ARCHITECTURE", "OPTIONAL");
    static final List<String> SEVERITIES = Arrays.asList("LOW", "MEDIUM", "HIGH", "CRITICAL", null);

    /** Tasks of more urgent upgrades rank higher in Tasklist. */
    static final Map<String, Integer> PRIORITY_BY_URGENCY = Map.of("IMMEDIATE", 100, "HIGH", 75, "NORMAL", 50, "LOW", 25);

    private static final DecisionTable TABLE = DecisionTable.load("classify-upgrade.dmn", "classifyUpgrade");

    static Stream<Arguments> oneCasePerRule() {
        return Stream.of(
                rule("Rule_SecurityFixCritical", "SECURITY_FIX", "CRITICAL",
                        classification("IMMEDIATE", "EMERGENCY", "PT4H", "PT0S", false)),
                rule("Rule_CriticalBugCritical", "CRITICAL_BUG", "CRITICAL",
                        classification("IMMEDIATE", "EMERGENCY", "PT4H", "PT0S", false)),
                rule("Rule_SecurityFixHigh", "SECURITY_FIX", "HIGH",
                        classification("HIGH", "NORMAL", "P1D", "P2D", false)),
                rule("Rule_SecurityFixLow", "SECURITY_FIX", "LOW",
                        classification("NORMAL", "STANDARD", "P2D", "P3D", false)),
                rule("Rule_SecurityFixOther", "SECURITY_FIX", null,
                        classification("HIGH", "NORMAL", "P2D", "P3D", false)),
                rule("Rule_CriticalBugHigh", "CRITICAL_BUG", "HIGH",
                        classification("HIGH", "NORMAL", "P1D", "P2D", false)),
                rule("Rule_CriticalBugOther", "CRITICAL_BUG", "MEDIUM",
                        classification("HIGH", "NORMAL", "P2D", "P3D", false)),
                rule("Rule_Compliance", "COMPLIANCE", "HIGH",
                        classification("NORMAL", "NORMAL", "P3D", "P5D", false)),
                rule("Rule_EndOfSupport", "END_OF_SUPPORT", null,
                        classification("NORMAL", "NORMAL", "P5D", "P10D", false)),
                rule("Rule_Performance", "PERFORMANCE", "MEDIUM",
                        classification("NORMAL", "NORMAL", "P5D", "P10D", false)),
                rule("Rule_HardwareSupport", "HARDWARE_SUPPORT", null,
                        classification("NORMAL", "NORMAL", "P5D", "P10D", false)),
                rule("Rule_NewFeatures", "NEW_FEATURES", "LOW",
                        classification("LOW", "NORMAL", "P5D", "P14D", false)),
                rule("Rule_Architecture", "ARCHITECTURE", "CRITICAL",
                        classification("LOW", "NORMAL", "P10D", "P30D", false)),
                rule("Rule_Optional", "OPTIONAL", null,
                        classification("LOW", "STANDARD", "P10D", "P14D", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneCasePerRule")
    void shouldDecideByRule(String ruleId, Map<String, Object> facts, Map<String, Object> expected) {
        DecisionTable.Evaluation evaluation = TABLE.evaluate(facts);

        assertThat(evaluation.matchedRules()).containsExactly(ruleId);
        assertThat(evaluation.singleResult()).isEqualTo(expected);
    }

    @Test
    void shouldTestEveryRuleOfTheTable() {
        List<String> tested = oneCasePerRule().map(arguments -> (String) arguments.get()[0]).toList();

        assertThat(tested).containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
    }

    @Test
    void shouldClassifyEveryReasonWithEverySeverityIncludingNone() {
        List<String> problems = new ArrayList<>();
        for (String reason : REASONS) {
            for (String severity : SEVERITIES) {
                DecisionTable.Evaluation evaluation = TABLE.evaluate(facts(reason, severity));
                if (evaluation.results().size() != 1) {
                    problems.add(reason + "/" + severity + " gave " + evaluation.results());
                    continue;
                }
                Map<String, Object> result = evaluation.singleResult();
                if (result.values().stream().anyMatch(value -> value == null)) {
                    problems.add(reason + "/" + severity + " left an output empty: " + result);
                }
                if (!result.get("deferrable").equals(reason.equals("OPTIONAL"))) {
                    problems.add(reason + "/" + severity + " deferrable=" + result.get("deferrable"));
                }
                boolean emergencyExpected = "CRITICAL".equals(severity)
                        && (reason.equals("SECURITY_FIX") || reason.equals("CRITICAL_BUG"));
                if (result.get("changeType").equals("EMERGENCY") != emergencyExpected) {
                    problems.add(reason + "/" + severity + " changeType=" + result.get("changeType"));
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void shouldNotClassifyAnUnknownReason() {
        assertThat(TABLE.evaluate(facts("BECAUSE_A_NEW_VERSION_EXISTS", "LOW")).results()).isEmpty();
    }

    private static Arguments rule(String ruleId, String reason, String severity, Map<String, Object> expected) {
        return Arguments.of(ruleId, facts(reason, severity), expected);
    }

    private static Map<String, Object> facts(String reason, String severity) {
        return Facts.with("reason", reason).and("severity", severity).asMap();
    }

    private static Map<String, Object> classification(String urgency, String changeType, String approvalDeadline,
            String minimumLeadTime, boolean deferrable) {
        return Facts.with("urgency", urgency)
                .and("changeType", changeType)
                .and("approvalDeadline", approvalDeadline)
                .and("minimumLeadTime", minimumLeadTime)
                .and("deferrable", deferrable)
                .and("taskPriority", PRIORITY_BY_URGENCY.get(urgency))
                .asMap();
    }
}
