package io.upgradeorchestrator.decisions;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds variable and result maps in a readable way; unlike {@code Map.of} it accepts null values. */
final class Facts {

    private final Map<String, Object> values = new LinkedHashMap<>();

    private Facts() {
    }

    static Facts with(String name, Object value) {
        return new Facts().and(name, value);
    }

    Facts and(String name, Object value) {
        values.put(name, value);
        return this;
    }

    Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
