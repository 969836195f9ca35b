package io.upgradeorchestrator.record;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The record's field names as a reader sees them on the page: {@code upgradeStartedAt} reads "Upgrade started at",
 * {@code triggerDetail} "Trigger detail". The JSON keeps its names; only the page translates them.
 */
final class RecordLabels {

    private RecordLabels() {
    }

    /** A label for every key of every section of the record (and of the maps inside them). */
    static Map<String, String> of(Object record) {
        Map<String, String> labels = new HashMap<>();
        collect(record, labels);
        return labels;
    }

    private static void collect(Object value, Map<String, String> labels) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                labels.putIfAbsent(String.valueOf(key), label(String.valueOf(key)));
                collect(inner, labels);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(inner -> collect(inner, labels));
        }
    }

    /** {@code rollbackDecidedBy} → "Rollback decided by"; acronyms kept ({@code sha256} → "SHA-256"). */
    static String label(String key) {
        if (key.equalsIgnoreCase("sha256")) {
            return "SHA-256";
        }
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                words.append(' ').append(Character.toLowerCase(c));
            } else if (Character.isDigit(c) && i > 0 && !Character.isDigit(key.charAt(i - 1))) {
                words.append(' ').append(c);
            } else {
                words.append(i == 0 ? Character.toUpperCase(c) : c);
            }
        }
        return words.toString();
    }
}
