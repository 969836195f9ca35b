package io.upgradeorchestrator.inventory;

/** The service-level commitment: availability target in percent and the longest outage allowed, in minutes. */
public record Sla(double availabilityPercent, int maxOutageMinutes, String supportHours) {
}
