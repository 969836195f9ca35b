package io.upgradeorchestrator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompatibilityVerdictDecisionTest {

    private static final DecisionTable TABLE =
            DecisionTable.load("compatibility-verdict.dmn", "compatibilityVerdict");

    static Stream<Arguments> oneCasePerRule() {
        return Stream.of(
                rule("Rule_ReleaseUnknown",
                        // everything else would say compatible: an unknown release must still win
                        facts("DATABASE").releaseKnown(false).componentFound(true).versionSatisfied(true),
                        verdict("UNCERTAIN", "Release requirements unknown: pilot run required")),
                rule("Rule_ApplicationDriftWithoutMixedVersion",
                        facts("APPLICATION").versionSatisfied(true).versionDrift(true).mixedVersionSupported(false),
                        verdict("UNCERTAIN", "Production nodes run different application versions and the release "
                                + "does not support mixed-version operation: pilot run required")),
                rule("Rule_NoRequirementStated",
                        facts("NETWORK_SECURITY").requirementStated(false).componentFound(false),
                        verdict("COMPATIBLE", "Release states no requirement in this area")),
                rule("Rule_DatabaseComponentMissing",
                        facts("DATABASE").componentFound(false),
                        verdict("UNCERTAIN", "Required database component is not in the inventory: pilot run "
                                + "required to verify schema, driver and migration support")),
                rule("Rule_OperatingSystemComponentMissing",
                        facts("OPERATING_SYSTEM").componentFound(false),
                        verdict("UNCERTAIN", "Required operating system component is not in the inventory: pilot "
                                + "run required to verify runtime, service and security policy support")),
                rule("Rule_ComponentMissing",
                        facts("ENDPOINTS_CLIENTS").componentFound(false),
                        verdict("UNCERTAIN", "Required component is not in the inventory: pilot run required")),
                rule("Rule_VersionNotSatisfied",
                        // drift outside the application area does not make a verdict uncertain
                        facts("DATABASE").versionSatisfied(false).versionDrift(true).mixedVersionSupported(false),
                        verdict("INCOMPATIBLE", "Installed version is below the release's minimum: upgrade the "
                                + "component first or re-plan")),
                rule("Rule_VersionSatisfied",
                        facts("APPLICATION").versionDrift(true).mixedVersionSupported(true),
                        verdict("COMPATIBLE", "Installed version meets the release's minimum")),
                rule("Rule_FactsIncomplete",
                        facts("OPERATING_SYSTEM").versionSatisfied(null),
                        verdict("UNCERTAIN", "Compatibility facts incomplete: pilot run required")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneCasePerRule")
    void shouldDecideByRule(String ruleId, CompatibilityFacts facts, Map<String, Object> expected) {
        DecisionTable.Evaluation evaluation = TABLE.evaluate(facts.asMap());

        assertThat(evaluation.matchedRules()).containsExactly(ruleId);
        assertThat(evaluation.singleResult()).isEqualTo(expected);
    }

    @Test
    void shouldTestEveryRuleOfTheTable() {
        List<String> tested = oneCasePerRule().map(arguments -> (String) arguments.get()[0]).toList();

        assertThat(tested).containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
    }

    @Test
    void shouldGiveEveryAreaAndCombinationOfKnownFactsAVerdictWithoutTheSafetyNet() {
        List<Boolean> booleans = List.of(false, true);
        for (String area : List.of("APPLICATION", "DATABASE", "OPERATING_SYSTEM", "NETWORK_SECURITY",
                "ENDPOINTS_CLIENTS")) {
            for (int bits = 0; bits < 64; bits++) {
                CompatibilityFacts facts = facts(area)
                        .releaseKnown(booleans.get(bits & 1))
                        .requirementStated(booleans.get(bits >> 1 & 1))
                        .componentFound(booleans.get(bits >> 2 & 1))
                        .versionSatisfied(booleans.get(bits >> 3 & 1))
                        .versionDrift(booleans.get(bits >> 4 & 1))
                        .mixedVersionSupported(booleans.get(bits >> 5 & 1));

                DecisionTable.Evaluation evaluation = TABLE.evaluate(facts.asMap());

                assertThat(evaluation.matchedRules()).as("%s", facts).hasSize(1).doesNotContain("Rule_FactsIncomplete");
                assertThat(evaluation.singleResult().get("verdict")).as("%s", facts)
                        .isIn("COMPATIBLE", "UNCERTAIN", "INCOMPATIBLE");
            }
        }
    }

    private static Arguments rule(String ruleId, CompatibilityFacts facts, Map<String, Object> expected) {
        return Arguments.of(ruleId, facts, expected);
    }

    /** A release that is known and states a requirement the inventory meets, unless a case says otherwise. */
    private static CompatibilityFacts facts(String area) {
        return new CompatibilityFacts(area, true, true, true, true, false, false);
    }

    private static Map<String, Object> verdict(String verdict, String finding) {
        return Facts.with("verdict", verdict).and("finding", finding).asMap();
    }

    record CompatibilityFacts(String area, Boolean releaseKnown, Boolean requirementStated, Boolean componentFound,
            Boolean versionSatisfied, Boolean versionDrift, Boolean mixedVersionSupported) {

        CompatibilityFacts releaseKnown(Boolean value) {
            return new CompatibilityFacts(area, value, requirementStated, componentFound, versionSatisfied,
                    versionDrift, mixedVersionSupported);
        }

        CompatibilityFacts requirementStated(Boolean value) {
            return new CompatibilityFacts(area, releaseKnown, value, componentFound, versionSatisfied,
                    versionDrift, mixedVersionSupported);
        }

        CompatibilityFacts componentFound(Boolean value) {
            return new CompatibilityFacts(area, releaseKnown, requirementStated, value, versionSatisfied,
                    versionDrift, mixedVersionSupported);
        }

        CompatibilityFacts versionSatisfied(Boolean value) {
            return new CompatibilityFacts(area, releaseKnown, requirementStated, componentFound, value,
                    versionDrift, mixedVersionSupported);
        }

        CompatibilityFacts versionDrift(Boolean value) {
            return new CompatibilityFacts(area, releaseKnown, requirementStated, componentFound, versionSatisfied,
                    value, mixedVersionSupported);
        }

        CompatibilityFacts mixedVersionSupported(Boolean value) {
            return new CompatibilityFacts(area, releaseKnown, requirementStated, componentFound, versionSatisfied,
                    versionDrift, value);
        }

        Map<String, Object> asMap() {
            return Facts.with("area", area)
                    .and("releaseKnown", releaseKnown)
                    .and("requirementStated", requirementStated)
                    .and("componentFound", componentFound)
                    .and("versionSatisfied", versionSatisfied)
                    .and("versionDrift", versionDrift)
                    .and("mixedVersionSupported", mixedVersionSupported)
                    .asMap();
        }
    }
}
