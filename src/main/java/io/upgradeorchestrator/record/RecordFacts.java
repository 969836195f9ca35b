package io.upgradeorchestrator.record;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;

import io.upgradeorchestrator.variables.JsonText;

/** The upgrade's variables for the record writer: simple values as they are, JSON variables as their JSON text. */
final class RecordFacts {

    private RecordFacts() {
    }

    static Map<String, Object> of(VariableScope scope) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String name : scope.getVariableNames()) {
            TypedValue value = scope.getVariableTyped(name, false);
            Object plain = value == null ? null : value.getType().isPrimitiveValueType() ? value.getValue() : null;
            if (plain instanceof String || plain instanceof Number || plain instanceof Boolean || plain instanceof Date) {
                facts.put(name, plain);
            } else if (value != null && !value.getType().isPrimitiveValueType()) {
                facts.put(name, JsonText.of(value));
            }
        }
        return facts;
    }
}
