package io.upgradeorchestrator.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A window to check for one upgrade.
 *
 * @param rehearsalUpgrade  upgrade time per node measured in the rehearsal, or {@code null} when there was none
 * @param rehearsalRollback rollback time measured in the rehearsal, or {@code null}
 */
public record WindowRequest(String upgradeId, String systemId, Instant start, Instant end, Rollout rollout,
                            Duration rehearsalUpgrade, Duration rehearsalRollback) {

    public WindowRequest {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(rollout, "rollout");
    }
}
