package io.upgradeorchestrator.window;

import java.time.Duration;
import java.util.Objects;

/**
 * One part of a maintenance window: what happens, how long it takes and where that number comes from
 * ("runbook estimate", "measured in the rehearsal", "default from configuration").
 */
public record WindowPart(String name, Duration duration, String basis) {

    public WindowPart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Window part '" + name + "' cannot take a negative time: " + duration);
        }
        basis = basis == null ? "" : basis;
    }

    @Override
    public String toString() {
        return name + ": " + Durations.readable(duration) + (basis.isEmpty() ? "" : " (" + basis + ")");
    }
}
