package io.upgradeorchestrator.notification;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The facts of an upgrade as mail templates see them: every simple variable of the process (dates written
 * in UTC for people), plus links. Lists and JSON stay out; templates get the summaries made for people.
 */
public final class UpgradeMailModel {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private UpgradeMailModel() {
    }

    public static Map<String, Object> from(VariableScope scope) {
        Map<String, Object> model = new HashMap<>();
        scope.getVariables().forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                model.put(name, value);
            } else if (value instanceof Date date) {
                model.put(name, READABLE.format(date.toInstant()));
            }
        });
        return model;
    }
}
