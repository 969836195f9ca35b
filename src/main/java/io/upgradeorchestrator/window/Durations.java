package io.upgradeorchestrator.window;

import java.time.Duration;

/** Durations as people read them: "45 min", "3 h", "1 h 30 min". */
public final class Durations {

    private Durations() {
    }

    public static String readable(Duration duration) {
        long minutes = ceilMinutes(duration);
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (hours == 0) {
            return rest + " min";
        }
        return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
    }

    /** Whole minutes, rounded up: a window planned in minutes must never be a few seconds too short. */
    public static long ceilMinutes(Duration duration) {
        long minutes = duration.toMinutes();
        return duration.equals(Duration.ofMinutes(minutes)) ? minutes : minutes + 1;
    }
}
