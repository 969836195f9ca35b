package io.upgradeorchestrator.variables;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The JSON text of a variable that holds JSON, however it was stored: a JSON object value ({@link Var#list}), a
 * Spin JSON value, or a plain string. Reading the text instead of the object keeps the reader independent of the
 * Java class that wrote it.
 */
public final class JsonText {

    private JsonText() {
    }

    /** The JSON text, or {@code null} when the variable is absent or null. */
    public static String of(VariableScope scope, String name) {
        TypedValue value = scope.getVariableTyped(name, false);
        return of(value);
    }

    public static String of(TypedValue value) {
        if (value == null) {
            return null;
        }
        if (value instanceof ObjectValue object) {
            return object.getValueSerialized();
        }
        Object plain = value.getValue();
        return plain == null ? null : plain.toString();
    }
}
