package io.upgradeorchestrator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteApprovalDecisionTest {

    private static final String OWNERS = "billing-owners";
    private static final List<String> CHANGE_TYPES = List.of("EMERGENCY", "NORMAL", "STANDARD");
    private static final List<String> RISK_LEVELS = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    private static final DecisionTable TABLE = DecisionTable.load("route-approval.dmn", "routeApproval");

    /**
     * COLLECT adds up several rules, so each case names the rule it is about and lists every rule that matches
     * with it, and every approver group the change ends up with.
     */
    static Stream<Arguments> oneCasePerRule() {
        return Stream.of(
                rule("Rule_EmergencyLowOrMediumRisk",
                        // an emergency board decides alone, even for a security fix with a one-way migration
                        facts("EMERGENCY", "MEDIUM", "SECURITY_FIX", true),
                        List.of("Rule_EmergencyLowOrMediumRisk"),
                        List.of(approvers("emergency-board", 1))),
                rule("Rule_EmergencyHighOrCriticalRisk",
                        facts("EMERGENCY", "CRITICAL", "CRITICAL_BUG", false),
                        List.of("Rule_EmergencyHighOrCriticalRisk"),
                        List.of(approvers("emergency-board", 2))),
                rule("Rule_StandardLowOrMediumRisk",
                        facts("STANDARD", "LOW", "OPTIONAL", false),
                        List.of("Rule_StandardLowOrMediumRisk"),
                        List.of(approvers(OWNERS, 1))),
                rule("Rule_StandardHighOrCriticalRiskChangeManager",
                        facts("STANDARD", "HIGH", "OPTIONAL", false),
                        List.of("Rule_StandardHighOrCriticalRiskChangeManager", "Rule_StandardHighOrCriticalRiskOwner"),
                        List.of(approvers("change-managers", 1), approvers(OWNERS, 1))),
                rule("Rule_StandardHighOrCriticalRiskOwner",
                        facts("STANDARD", "CRITICAL", "OPTIONAL", false),
                        List.of("Rule_StandardHighOrCriticalRiskChangeManager", "Rule_StandardHighOrCriticalRiskOwner"),
                        List.of(approvers("change-managers", 1), approvers(OWNERS, 1))),
                rule("Rule_NormalChangeManager",
                        facts("NORMAL", "LOW", "PERFORMANCE", false),
                        List.of("Rule_NormalChangeManager"),
                        List.of(approvers("change-managers", 1))),
                rule("Rule_NormalMediumOrCriticalRiskOwner",
                        facts("NORMAL", "MEDIUM", "END_OF_SUPPORT", false),
                        List.of("Rule_NormalChangeManager", "Rule_NormalMediumOrCriticalRiskOwner"),
                        List.of(approvers("change-managers", 1), approvers(OWNERS, 1))),
                rule("Rule_NormalHighOrCriticalRiskCab",
                        facts("NORMAL", "HIGH", "ARCHITECTURE", false),
                        List.of("Rule_NormalChangeManager", "Rule_NormalHighOrCriticalRiskCab"),
                        List.of(approvers("change-managers", 1), approvers("cab", 2))),
                rule("Rule_IrreversibleMigrationDba",
                        facts("NORMAL", "LOW", "NEW_FEATURES", true),
                        List.of("Rule_NormalChangeManager", "Rule_IrreversibleMigrationDba"),
                        List.of(approvers("change-managers", 1), approvers("dba", 1))),
                rule("Rule_SecurityFixSecurity",
                        facts("STANDARD", "LOW", "SECURITY_FIX", false),
                        List.of("Rule_StandardLowOrMediumRisk", "Rule_SecurityFixSecurity"),
                        List.of(approvers(OWNERS, 1), approvers("security", 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneCasePerRule")
    void shouldDecideByRule(String ruleId, Map<String, Object> facts, List<String> matchedRules,
            List<Map<String, Object>> expected) {
        DecisionTable.Evaluation evaluation = TABLE.evaluate(facts);

        assertThat(matchedRules).contains(ruleId);
        assertThat(evaluation.matchedRules()).containsExactlyElementsOf(matchedRules);
        assertThat(evaluation.results()).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldTestEveryRuleOfTheTable() {
        List<String> tested = oneCasePerRule().map(arguments -> (String) arguments.get()[0]).toList();

        assertThat(tested).containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
    }

    @Test
    void shouldRouteANormalChangeWithCriticalRiskToChangeManagerCabAndOwner() {
        DecisionTable.Evaluation evaluation = TABLE.evaluate(facts("NORMAL", "CRITICAL", "COMPLIANCE", false));

        assertThat(evaluation.results()).containsExactly(
                approvers("change-managers", 1), approvers(OWNERS, 1), approvers("cab", 2));
    }

    @Test
    void shouldAddDbaAndSecurityToANonEmergencyChange() {
        DecisionTable.Evaluation evaluation = TABLE.evaluate(facts("STANDARD", "MEDIUM", "SECURITY_FIX", true));

        assertThat(evaluation.results()).containsExactly(
                approvers(OWNERS, 1), approvers("dba", 1), approvers("security", 1));
    }

    @Test
    void shouldRouteEveryChangeTypeAndRiskLevelToAtLeastOneApprover() {
        for (String changeType : CHANGE_TYPES) {
            for (String riskLevel : RISK_LEVELS) {
                for (String reason : ClassifyUpgradeDecisionTest.REASONS) {
                    for (boolean irreversible : List.of(false, true)) {
                        Map<String, Object> facts = facts(changeType, riskLevel, reason, irreversible);

                        List<Map<String, Object>> routes = TABLE.evaluate(facts).results();

                        assertThat(routes).as("%s", facts).isNotEmpty();
                        assertThat(routes).as("%s", facts).allSatisfy(route -> {
                            assertThat(route.get("approverGroup")).isNotNull();
                            assertThat((Integer) route.get("approvals")).isPositive();
                        });
                        assertThat(routes.stream().map(route -> route.get("approverGroup")))
                                .as("no group asked twice for %s", facts).doesNotHaveDuplicates();
                    }
                }
            }
        }
    }

    private static Arguments rule(String ruleId, Map<String, Object> facts, List<String> matchedRules,
            List<Map<String, Object>> expected) {
        return Arguments.of(ruleId, facts, matchedRules, expected);
    }

    private static Map<String, Object> facts(String changeType, String riskLevel, String reason,
            boolean irreversibleMigration) {
        return Facts.with("changeType", changeType)
                .and("riskLevel", riskLevel)
                .and("reason", reason)
                .and("irreversibleMigration", irreversibleMigration)
                .and("ownerGroup", OWNERS)
                .asMap();
    }

    private static Map<String, Object> approvers(String group, int approvals) {
        return Facts.with("approverGroup", group).and("approvals", approvals).asMap();
    }
}
