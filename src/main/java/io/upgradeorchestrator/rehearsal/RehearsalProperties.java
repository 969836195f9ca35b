package io.upgradeorchestrator.rehearsal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a rehearsal judges performance, under {@code upgrade-orchestrator.rehearsal}.
 *
 * @param probeSamples            how often each monitoring probe is measured, on the rehearsal node and on the
 *                                production baseline node
 * @param maxSlowdownPercent      the rehearsal node may be this much slower than the baseline (median latency) …
 * @param slowdownToleranceMillis … unless the difference is at most this many milliseconds (noise on fast probes)
 */
@ConfigurationProperties("upgrade-orchestrator.rehearsal")
public record RehearsalProperties(
        @DefaultValue("5") int probeSamples,
        @DefaultValue("100") int maxSlowdownPercent,
        @DefaultValue("100") long slowdownToleranceMillis) {
}
