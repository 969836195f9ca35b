package io.upgradeorchestrator.issues;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * What an {@link IssueFinder} may read: the upgrade's id and its variables by name (simple values as they are,
 * JSON variables as their JSON text, dates as {@link Date} or {@link Instant}).
 */
public record UpgradeFacts(String upgradeId, Map<String, Object> variables) {

    /** Not a variable: when the latest rollback decision started, as the engine's history tells it. */
    public static final String ROLLBACK_TRIGGERED_AT = "rollbackTriggeredAt";

    public String text(String name) {
        Object value = variables.get(name);
        return value == null ? null : value.toString();
    }

    public Instant instant(String name) {
        Object value = variables.get(name);
        if (value instanceof Date date) {
            return date.toInstant();
        }
        return value instanceof Instant instant ? instant : null;
    }
}
