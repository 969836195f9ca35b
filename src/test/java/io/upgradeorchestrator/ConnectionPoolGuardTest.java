package io.upgradeorchestrator;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionPoolGuardTest {

    @Test
    void shouldAcceptAPoolWithTwoConnectionsPerJobThreadAndAReserve() {
        assertThatCode(() -> ConnectionPoolGuard.check(25, 10)).doesNotThrowAnyException();
        assertThatCode(() -> ConnectionPoolGuard.check(30, 10)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAPoolTheJobThreadsCanExhaustNamingBothSettings() {
        // Spring Boot's default pool of 10 with the starter's default of 10 job threads: the deadlock seen under load
        assertThatThrownBy(() -> ConnectionPoolGuard.check(10, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.datasource.hikari.maximum-pool-size is 10 but must be at least 25")
                .hasMessageContaining("camunda.bpm.job-execution.max-pool-size 10");
        assertThatThrownBy(() -> ConnectionPoolGuard.check(24, 10)).isInstanceOf(IllegalStateException.class);
    }
}
