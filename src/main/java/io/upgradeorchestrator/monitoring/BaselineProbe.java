package io.upgradeorchestrator.monitoring;

/** A probe as measured before the change: the yardstick for the same probe after it. */
public record BaselineProbe(String name, Long latencyMillis, Double errorRatePercent) {
}
