package io.upgradeorchestrator.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConflictRuleTest {

    private static final Instant START = Instant.parse("2026-06-13T06:00:00Z");
    private static final Instant END = Instant.parse("2026-06-13T12:00:00Z");

    private final Map<String, String> related = new LinkedHashMap<>(Map.of(
            "billing-db", "the same system (Billing database)",
            "billing-portal", "billing-portal, which depends on billing-db"));

    @Test
    void anOverlappingUpgradeOfTheSameSystemIsNamed() {
        List<String> reasons = ConflictRule.check(related, List.of(
                upgrade("UPG-2026-0003", "billing-db", "2026-06-13T10:00:00Z", "2026-06-13T14:00:00Z")), START, END);

        assertThat(reasons).singleElement().asString().contains("conflicts with upgrade UPG-2026-0003 of the same"
                + " system (Billing database), scheduled Sat 2026-06-13 10:00 – Sat 2026-06-13 14:00 UTC");
    }

    @Test
    void anOverlappingUpgradeOfADependentSystemIsNamed() {
        assertThat(ConflictRule.check(related, List.of(
                upgrade("UPG-2026-0004", "billing-portal", "2026-06-13T02:00:00Z", "2026-06-13T07:00:00Z")), START, END))
                .singleElement().asString().contains("UPG-2026-0004 of billing-portal, which depends on billing-db");
    }

    @Test
    void unrelatedSystemsAndAdjacentWindowsDoNotConflict() {
        assertThat(ConflictRule.check(related, List.of(
                upgrade("UPG-2026-0005", "hr-portal", "2026-06-13T06:00:00Z", "2026-06-13T12:00:00Z"),
                upgrade("UPG-2026-0006", "billing-db", "2026-06-13T12:00:00Z", "2026-06-13T16:00:00Z"),
                upgrade("UPG-2026-0007", "billing-db", "2026-06-13T02:00:00Z", "2026-06-13T06:00:00Z")), START, END))
                .isEmpty();
    }

    @Test
    void aWindowInsideOrAroundTheOtherConflicts() {
        List<String> reasons = ConflictRule.check(related, List.of(
                upgrade("UPG-2026-0009", "billing-db", "2026-06-13T00:00:00Z", "2026-06-14T00:00:00Z"),
                upgrade("UPG-2026-0008", "billing-portal", "2026-06-13T07:00:00Z", "2026-06-13T08:00:00Z")), START, END);

        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0)).contains("UPG-2026-0009");
        assertThat(reasons.get(1)).contains("UPG-2026-0008");
    }

    private static ScheduledUpgrade upgrade(String id, String systemId, String start, String end) {
        return new ScheduledUpgrade(id, systemId, Instant.parse(start), Instant.parse(end));
    }
}
