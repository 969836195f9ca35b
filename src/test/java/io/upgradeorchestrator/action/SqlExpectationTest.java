package io.upgradeorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SqlExpectationTest {

    @Test
    void comparesNumbersNumerically() {
        assertThat(SqlExpectation.parse("value = 16.4").isMetBy(new BigDecimal("16.40"))).isTrue();
        assertThat(SqlExpectation.parse("value >= 1").isMetBy(3)).isTrue();
        assertThat(SqlExpectation.parse("value < 1").isMetBy("3")).isFalse();
        assertThat(SqlExpectation.parse("rows > 0").isMetBy(0L)).isFalse();
        assertThat(SqlExpectation.parse("rows=2").isMetBy(2L)).isTrue();
    }

    @Test
    void comparesTextAndNull() {
        assertThat(SqlExpectation.parse("value = 'healthy'").isMetBy("healthy")).isTrue();
        assertThat(SqlExpectation.parse("value != degraded").isMetBy("healthy")).isTrue();
        assertThat(SqlExpectation.parse("value = null").isMetBy(null)).isTrue();
        assertThat(SqlExpectation.parse("value != null").isMetBy(null)).isFalse();
        assertThat(SqlExpectation.parse("value = 1").isMetBy(null)).isFalse();
    }

    @Test
    void rejectsWhatItCannotMean() {
        assertThatThrownBy(() -> SqlExpectation.parse("value > 'abc'")).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(() -> SqlExpectation.parse("rows = many")).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(() -> SqlExpectation.parse("count(*) > 0")).isInstanceOf(InvalidActionException.class);
    }
}
