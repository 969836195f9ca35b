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
            "1.0.9, 1.0.beta",
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

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"16, 16.0", "16.4, 16.4", "1.02, 1.2", "v2.1, 2.1", "' 15.6 ', 15.6", "3.0.0, 3"})
    void treatsEquivalentSpellingsAsEqual(String left, String right) {
        assertThat(VersionComparator.INSTANCE.compare(left, right)).isZero();
        assertThat(VersionComparator.isAtLeast(left, right)).isTrue();
    }

    @Test
    void sortsAList() {
        List<String> versions = new ArrayList<>(List.of("16.4", "3.10.2", "15.6", "3.9", "15.5"));
        versions.sort(VersionComparator.INSTANCE);
        assertThat(versions).containsExactly("3.9", "3.10.2", "15.5", "15.6", "16.4");
    }
}
