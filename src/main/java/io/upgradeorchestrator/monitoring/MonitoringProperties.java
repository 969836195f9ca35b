package io.upgradeorchestrator.monitoring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How monitoring after the release watches the system, under {@code upgrade-orchestrator.monitoring}.
 *
 * @param probeInterval               how often the runbook's monitoring probes run during the monitoring period
 * @param probeSamples                how often each probe is measured per node and round (median latency, error rate)
 * @param defaultDuration             the monitoring period when the upgrade has no {@code monitoringDuration}
 * @param maxSlowdownPercent          a probe may be this much slower than its baseline (median latency) …
 * @param slowdownToleranceMillis     … unless the difference is at most this many milliseconds (noise on fast probes)
 * @param maxErrorRateIncreasePercent the error rate may exceed the baseline's by this many percentage points
 * @param alertRecipients             who gets the monitoring alert besides the rollback decision owner's group:
 *                                    {@code group:<id>}, {@code user:<id>} or addresses, comma-separated
 */
@ConfigurationProperties("upgrade-orchestrator.monitoring")
public record MonitoringProperties(
        @DefaultValue("PT15M") Duration probeInterval,
        @DefaultValue("5") int probeSamples,
        @DefaultValue("PT24H") Duration defaultDuration,
        @DefaultValue("50") int maxSlowdownPercent,
        @DefaultValue("100") long slowdownToleranceMillis,
        @DefaultValue("1.0") double maxErrorRateIncreasePercent,
        @DefaultValue("group:operations") String alertRecipients) {
}
