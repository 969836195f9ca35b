package io.upgradeorchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionComparatorTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "15.6, 16.4",
            "15.5, 15.6",
            "3.9, 3.10.2",
            "3.10, 3.10.2",
            "1.2, 1.10",
            "1.1.1k, 1.1.1w",
            "1.1.1, 1.1.1k",
            "9a, 10a",
            "2.4.0-rc1, 2.4.0-rc2",
            "1.0.beta, 1.0.9",
            "alpha, beta",
            "v1.9, v1.10",
            "2019, 2022",
            "99999999999999999999, 100000000000000000000"})
    void ordersOlderBeforeNewer(String older, String newer) {
        assertThat(VersionComparator.INSTANCE.compare(older, newer)).isNegative();
        assertThat(VersionComparator.INSTANCE.compare(newer, older)).isPositive();
        assertThat(VersionComparator.isAtLeast(newer, older)).isTrue();
        assertThat(VersionComparator.isAtLeast(older, newer)).isFalse();
    }

    /** The forms versions take in the wild, each against its neighbours. */
    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "15.5, 15.10",
            "15.9, 15.10",
            "2.4.0-rc1, 2.4.0",
            "2.4.0-beta2, 2.4.0-rc1",
            "2.3.9, 2.4.0-rc1",
            "16.0-beta, 16.0",
            "16.0-alpha, 16.0-beta",
            "15.6, 16.0-beta",
            "1.0.0-SNAPSHOT, 1.0.0",
            "1.0.0-rc1, 1.0.0-SNAPSHOT",
            "8.2.1, 8.2.1-hotfix2",
            "8.2.1-hotfix2, 8.2.1-hotfix10",
            "8.2.1-hotfix2, 8.2.2",
            "2024.03, 2024.10",
            "2023.12, 2024.03",
            "2.4.0-rc1+build.9, 2.4.0"})
    void ordersTheFormsVersionsTakeInTheWild(String older, String newer) {
        ordersOlderBeforeNewer(older, newer);
    }

    @Test
    void aReleaseCandidateDoesNotMeetARequirementOfItsRelease() {
        assertThat(VersionComparator.isAtLeast("2.4.0-rc1", "2.4.0")).isFalse();
        assertThat(VersionComparator.isAtLeast("16.0-beta", "16.0")).isFalse();
        assertThat(VersionComparator.isAtLeast("1.0.0-SNAPSHOT", "1.0.0")).isFalse();
        assertThat(VersionComparator.isAtLeast("2.4.0", "2.4.0")).isTrue();
        assertThat(VersionComparator.isAtLeast("8.2.1-hotfix2", "8.2.1")).isTrue();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"16, 16.0", "16.4, 16.4", "1.02, 1.2", "v2.1, 2.1", "' 15.6 ', 15.6", "3.0.0, 3", "2024.03, 2024.3",
            "2.4.0+build.7, 2.4.0", "1.0-GA, 1.0", "1.0.0-final, 1.0.0"})
    void treatsEquivalentSpellingsAsEqual(String left, String right) {
        assertThat(VersionComparator.INSTANCE.compare(left, right)).isZero();
        assertThat(VersionComparator.isAtLeast(left, right)).isTrue();
    }

    @Test
    void sortsAList() {
        List<String> versions = new ArrayList<>(List.of("16.4", "3.10.2", "15.10", "15.6", "3.9", "15.5",
                "16.0-beta", "16.0", "2.4.0", "2.4.0-rc1", "8.2.1-hotfix2", "8.2.1", "1.0.0", "1.0.0-SNAPSHOT"));
        versions.sort(VersionComparator.INSTANCE);
        assertThat(versions).containsExactly("1.0.0-SNAPSHOT", "1.0.0", "2.4.0-rc1", "2.4.0", "3.9", "3.10.2",
                "8.2.1", "8.2.1-hotfix2", "15.5", "15.6", "15.10", "16.0-beta", "16.0", "16.4");
    }
}
