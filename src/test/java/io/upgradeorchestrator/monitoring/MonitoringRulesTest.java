package io.upgradeorchestrator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.upgradeorchestrator.action.HttpCheckSpec;
import io.upgradeorchestrator.inventory.Runbook;

/** The rules of monitoring without the engine: the plan of probe rounds and how a measurement is judged. */
class MonitoringRulesTest {

    private static final Instant NOW = Instant.parse("2030-03-09T08:00:00Z");
    private static final MonitoringProperties PROPERTIES = new MonitoringProperties(Duration.ofMinutes(15), 5,
            Duration.ofHours(24), 50, 100, 1.0, "group:operations");
    private static final Runbook.MonitoringProbe PROBE = new Runbook.MonitoringProbe("Health answer",
            HttpCheckSpec.get("http://localhost/health", 200, null), 500, 0);

    @Test
    void shouldRunTheLastRoundBeforeThePeriodEnds() {
        MonitoringPlan plan = MonitoringPlan.of(NOW, "PT1H", Duration.ofHours(24), Duration.ofMinutes(15));
        assertThat(plan.endsAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(plan.cycle()).isEqualTo("R3/PT15M");
        assertThat(plan.note()).isNull();

        assertThat(MonitoringPlan.of(NOW, "P2D", Duration.ofHours(24), Duration.ofMinutes(15)).cycle())
                .isEqualTo("R191/PT15M");
        assertThat(MonitoringPlan.of(NOW, "PT50M", Duration.ofHours(24), Duration.ofMinutes(15)).cycle())
                .isEqualTo("R3/PT15M");
    }

    @Test
    void shouldProbeOnceHalfwayThroughAPeriodShorterThanTheInterval() {
        MonitoringPlan plan = MonitoringPlan.of(NOW, "PT10M", Duration.ofHours(24), Duration.ofMinutes(15));
        assertThat(plan.cycle()).isEqualTo("R1/PT5M");
        assertThat(plan.note()).contains("shorter than the probe interval");
    }

    @Test
    void shouldRefuseADurationThatIsNotIsoOrNotPositive() {
        assertThatThrownBy(() -> MonitoringPlan.of(NOW, "two days", Duration.ofHours(24), Duration.ofMinutes(15)))
                .hasMessageContaining("not an ISO-8601 duration");
        assertThatThrownBy(() -> MonitoringPlan.of(NOW, "PT0S", Duration.ofHours(24), Duration.ofMinutes(15)))
                .hasMessageContaining("must be positive");
    }

    @Test
    void shouldJudgeAgainstThresholdsOnlyWithoutBaseline() {
        assertThat(ProbeMonitor.judge(PROBE, "n1", 499, 0, 5, null, PROPERTIES).breached()).isFalse();
        assertThat(ProbeMonitor.judge(PROBE, "n1", 501, 0, 5, null, PROPERTIES).problems())
                .containsExactly("latency 501 ms above the threshold of 500 ms");
        assertThat(ProbeMonitor.judge(PROBE, "n1", 20, 20, 5, null, PROPERTIES).problems())
                .containsExactly("error rate 20 % above the threshold of 0 %");
    }

    @Test
    void shouldJudgeASlowdownAgainstTheBaselineBeyondNoise() {
        BaselineProbe baseline = new BaselineProbe("Health answer", 200L, 0.0);
        // 200 → 320 ms: 60 % slower but only 120 ms: a breach (both limits crossed)
        assertThat(ProbeMonitor.judge(PROBE, "n1", 320, 0, 5, baseline, PROPERTIES).problems())
                .containsExactly("latency 320 ms is 120 ms slower than the baseline of 200 ms");
        // 200 → 290 ms: 45 % slower: within the tolerated slowdown
        assertThat(ProbeMonitor.judge(PROBE, "n1", 290, 0, 5, baseline, PROPERTIES).breached()).isFalse();
        // 10 → 90 ms: 800 % slower but only 80 ms: noise on a fast probe
        assertThat(ProbeMonitor.judge(PROBE, "n1", 90, 0, 5, new BaselineProbe("Health answer", 10L, 0.0),
                PROPERTIES).breached()).isFalse();
    }

    @Test
    void shouldReadTheBaselineAsWrittenBeforeTheChange() {
        assertThat(BaselineProbes.parse("[{\"name\":\"Health answer\",\"latencyMillis\":12,\"errorRatePercent\":0.5}]"))
                .containsExactly(new BaselineProbe("Health answer", 12L, 0.5));
        assertThat(BaselineProbes.parse(null)).isEmpty();
        assertThatThrownBy(() -> BaselineProbes.parse("{\"name\":\"x\"}")).hasMessageContaining("JSON list");
    }
}
