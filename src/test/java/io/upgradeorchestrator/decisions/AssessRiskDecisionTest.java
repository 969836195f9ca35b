package io.upgradeorchestrator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AssessRiskDecisionTest {

    /** Ordered from least to most severe, so an index comparison says "stricter". */
    static final List<Integer> TIERS_LEAST_CRITICAL_FIRST = List.of(4, 3, 2, 1);
    static final List<String> URGENCIES = List.of("LOW", "NORMAL", "HIGH", "IMMEDIATE");
    static final List<String> IMPACTS = List.of("LOW", "MEDIUM", "HIGH", "SEVERE");
    static final List<Boolean> MIGRATIONS = List.of(false, true);
    static final List<String> RISK_LEVELS = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    private static final String FALLBACK_RULE = "Rule_UnknownFactsTreatedAsHigh";
    private static final DecisionTable TABLE = DecisionTable.load("assess-risk.dmn", "assessRisk");

    static Stream<Arguments> oneCasePerRule() {
        return Stream.of(
                rule("Rule_Tier1IrreversibleMigration", facts(1, "LOW", "LOW", true),
                        risk("CRITICAL", true, true, "P3D", 1, 1, 1)),
                rule("Rule_Tier1SevereImpact", facts(1, "NORMAL", "SEVERE", false),
                        risk("CRITICAL", true, true, "P3D", 1, 1, 1)),
                rule("Rule_SevereImpactIrreversibleMigration", facts(4, "LOW", "SEVERE", true),
                        risk("CRITICAL", true, true, "P3D", 1, 1, 1)),
                rule("Rule_Tier1", facts(1, "LOW", "LOW", false),
                        risk("HIGH", true, true, "P3D", 1, 2, 1)),
                rule("Rule_SevereImpact", facts(3, "NORMAL", "SEVERE", false),
                        risk("HIGH", true, true, "P2D", 1, 2, 1)),
                rule("Rule_Tier2IrreversibleMigration", facts(2, "NORMAL", "LOW", true),
                        risk("HIGH", true, true, "P2D", 1, 2, 1)),
                rule("Rule_Tier2HighImpact", facts(2, "LOW", "HIGH", false),
                        risk("HIGH", true, true, "P2D", 1, 2, 1)),
                rule("Rule_Tier2ImmediateUrgency", facts(2, "IMMEDIATE", "LOW", false),
                        risk("HIGH", true, true, "P2D", 1, 2, 1)),
                rule("Rule_HighImpactIrreversibleMigration", facts(3, "NORMAL", "HIGH", true),
                        risk("HIGH", true, true, "P1D", 1, 2, 1)),
                rule("Rule_Tier2", facts(2, "HIGH", "MEDIUM", false),
                        risk("MEDIUM", true, true, "P1D", 1, 4, 2)),
                rule("Rule_IrreversibleMigration", facts(4, "LOW", "LOW", true),
                        risk("MEDIUM", true, true, "P1D", 1, 4, 2)),
                rule("Rule_HighImpact", facts(4, "NORMAL", "HIGH", false),
                        risk("MEDIUM", true, true, "P1D", 1, 4, 2)),
                rule("Rule_ImmediateUrgency", facts(4, "IMMEDIATE", "LOW", false),
                        risk("MEDIUM", true, true, "PT12H", 1, 4, 2)),
                rule("Rule_Tier3MediumImpact", facts(3, "HIGH", "MEDIUM", false),
                        risk("MEDIUM", true, true, "PT12H", 1, 4, 2)),
                rule("Rule_Tier3LowImpact", facts(3, "NORMAL", "LOW", false),
                        risk("LOW", false, true, "PT8H", 1, 10, 2)),
                rule("Rule_Tier4MediumImpact", facts(4, "HIGH", "MEDIUM", false),
                        risk("LOW", false, false, "PT8H", 0, 10, 2)),
                rule("Rule_Tier4LowImpact", facts(4, "NORMAL", "LOW", false),
                        risk("LOW", false, false, "PT4H", 0, 10, 2)),
                rule(FALLBACK_RULE, facts(3, "NORMAL", null, false),
                        risk("HIGH", true, true, "P2D", 1, 2, 1)));
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
    void shouldGiveEveryKnownCombinationExactlyOneRiskLevelWithoutTheSafetyNet() {
        List<String> problems = new ArrayList<>();
        for (int tier : TIERS_LEAST_CRITICAL_FIRST) {
            for (String urgency : URGENCIES) {
                for (String impact : IMPACTS) {
                    for (boolean irreversible : MIGRATIONS) {
                        DecisionTable.Evaluation evaluation = TABLE.evaluate(facts(tier, urgency, impact, irreversible));
                        String combination = tier + "/" + urgency + "/" + impact + "/" + irreversible;
                        if (evaluation.results().size() != 1
                                || !RISK_LEVELS.contains(evaluation.singleResult().get("riskLevel"))) {
                            problems.add(combination + " gave " + evaluation.results());
                        } else if (evaluation.matchedRules().contains(FALLBACK_RULE)) {
                            problems.add(combination + " fell through to " + FALLBACK_RULE);
                        }
                    }
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void shouldNeverLowerTheRiskWhenOneFactGetsStricter() {
        List<String> problems = new ArrayList<>();
        for (int tier = 0; tier < TIERS_LEAST_CRITICAL_FIRST.size(); tier++) {
            for (int urgency = 0; urgency < URGENCIES.size(); urgency++) {
                for (int impact = 0; impact < IMPACTS.size(); impact++) {
                    for (int migration = 0; migration < MIGRATIONS.size(); migration++) {
                        int level = riskIndex(tier, urgency, impact, migration);
                        if (tier + 1 < TIERS_LEAST_CRITICAL_FIRST.size()
                                && riskIndex(tier + 1, urgency, impact, migration) < level) {
                            problems.add("a more critical tier lowers the risk from " + describe(tier, urgency, impact, migration));
                        }
                        if (urgency + 1 < URGENCIES.size() && riskIndex(tier, urgency + 1, impact, migration) < level) {
                            problems.add("a higher urgency lowers the risk from " + describe(tier, urgency, impact, migration));
                        }
                        if (impact + 1 < IMPACTS.size() && riskIndex(tier, urgency, impact + 1, migration) < level) {
                            problems.add("a higher impact lowers the risk from " + describe(tier, urgency, impact, migration));
                        }
                        if (migration + 1 < MIGRATIONS.size() && riskIndex(tier, urgency, impact, migration + 1) < level) {
                            problems.add("an irreversible migration lowers the risk from " + describe(tier, urgency, impact, migration));
                        }
                    }
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void shouldTreatATierFourLowImpactChangeAsLowRiskWithoutRehearsal() {
        Map<String, Object> result = TABLE.evaluate(facts(4, "NORMAL", "LOW", false)).singleResult();

        assertThat(result).containsEntry("riskLevel", "LOW").containsEntry("rehearsalRequired", false);
    }

    private static int riskIndex(int tier, int urgency, int impact, int migration) {
        Map<String, Object> result = TABLE.evaluate(facts(TIERS_LEAST_CRITICAL_FIRST.get(tier), URGENCIES.get(urgency),
                IMPACTS.get(impact), MIGRATIONS.get(migration))).singleResult();
        return RISK_LEVELS.indexOf(result.get("riskLevel"));
    }

    private static String describe(int tier, int urgency, int impact, int migration) {
        return "tier " + TIERS_LEAST_CRITICAL_FIRST.get(tier) + ", urgency " + URGENCIES.get(urgency) + ", impact "
                + IMPACTS.get(impact) + ", irreversible " + MIGRATIONS.get(migration);
    }

    private static Arguments rule(String ruleId, Map<String, Object> facts, Map<String, Object> expected) {
        return Arguments.of(ruleId, facts, expected);
    }

    private static Map<String, Object> facts(Integer tier, String urgency, String businessImpact,
            Boolean irreversibleMigration) {
        return Facts.with("tier", tier)
                .and("urgency", urgency)
                .and("businessImpact", businessImpact)
                .and("irreversibleMigration", irreversibleMigration)
                .asMap();
    }

    private static Map<String, Object> risk(String riskLevel, boolean rehearsalRequired, boolean stagedRollout,
            String monitoringDuration, int canaryNodes, int maxParallelNodes, int failureThreshold) {
        return Facts.with("riskLevel", riskLevel)
                .and("rehearsalRequired", rehearsalRequired)
                .and("stagedRollout", stagedRollout)
                .and("monitoringDuration", monitoringDuration)
                .and("canaryNodes", canaryNodes)
                .and("maxParallelNodes", maxParallelNodes)
                .and("failureThreshold", failureThreshold)
                .asMap();
    }
}
