package io.upgradeorchestrator.metrics;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The gauges refresh on a schedule; see {@link UpgradeGauges}. */
@Configuration
@EnableScheduling
class MetricsConfiguration {
}
