package io.upgradeorchestrator.window;

import java.time.Instant;

/** Another upgrade that is scheduled or running, with its maintenance window. */
public record ScheduledUpgrade(String upgradeId, String systemId, Instant windowStart, Instant windowEnd) {
}
