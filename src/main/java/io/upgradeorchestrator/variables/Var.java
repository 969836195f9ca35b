package io.upgradeorchestrator.variables;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A process variable with its name and Java type in one place, so delegates, tests and the API read and write
 * variables without casts or drifting strings. Forms and BPMN expressions use {@link #name()}.
 */
public final class Var<T> {

    private final String name;
    private final Class<T> type;
    private final boolean bounded;

    private Var(String name, Class<T> type) {
        this(name, type, false);
    }

    private Var(String name, Class<T> type, boolean bounded) {
        this.name = name;
        this.type = type;
        this.bounded = bounded;
    }

    public static Var<String> string(String name) {
        return new Var<>(name, String.class);
    }

    /**
     * A text the product writes (a summary, findings, a list of names): {@link #set} cuts it to fit the engine's
     * string limit, with a note saying so ({@link Texts#fit}), so a large fleet or a long output never fails a job.
     * Values people type stay {@link #string}: the engine refuses an over-long one with a 400 instead.
     */
    public static Var<String> text(String name) {
        return new Var<>(name, String.class, true);
    }

    public static Var<Boolean> bool(String name) {
        return new Var<>(name, Boolean.class);
    }

    public static Var<Integer> integer(String name) {
        return new Var<>(name, Integer.class);
    }

    public static Var<Long> longNumber(String name) {
        return new Var<>(name, Long.class);
    }

    public static Var<Date> date(String name) {
        return new Var<>(name, Date.class);
    }

    /** A list kept as a JSON variable (Spin), never as a Java-serialized object. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <E> Var<List<E>> list(String name) {
        return new Var<>(name, (Class) List.class);
    }

    public String name() {
        return name;
    }

    /**
     * The value, or {@code null} when the variable is absent.
     *
     * @throws BadUserRequestException the variable holds another type: a client sent a wrong value (Tasklist and
     *                                 {@code /engine-rest} answer 400 naming the variable), or a diagram wrote one
     */
    public T get(VariableScope scope) {
        return convert(scope.getVariable(name));
    }

    /**
     * The value in variables already read by name (the history's variables of an ended instance, the facts of a
     * record), converted as {@link #get(VariableScope)} converts; {@code null} when absent.
     */
    public T from(Map<String, ?> variables) {
        return convert(variables.get(name));
    }

    private T convert(Object value) {
        if (value == null) {
            return null;
        }
        if (type == Integer.class && value instanceof Number number) {
            return type.cast(number.intValue());
        }
        if (type == Long.class && value instanceof Number number) {
            return type.cast(number.longValue());
        }
        if (!type.isInstance(value)) {
            throw new BadUserRequestException("Process variable '" + name + "' holds a " + value.getClass().getSimpleName()
                    + ", expected " + type.getSimpleName());
        }
        return type.cast(value);
    }

    public T get(VariableScope scope, T fallback) {
        T value = get(scope);
        return value == null ? fallback : value;
    }

    /** The value, failing with a message that names the variable when it is missing. */
    public T require(VariableScope scope) {
        return Objects.requireNonNull(get(scope), () -> "Process variable '" + name + "' is missing");
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, typed(value));
    }

    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, typed(value));
    }

    /** The value as the engine should store it: lists as JSON, everything else as its primitive type. */
    public Object typed(T value) {
        if (value instanceof List<?> list) {
            return Variables.objectValue(list).serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
        }
        if (value == null) {
            return nullValue();
        }
        if (bounded && value instanceof String text) {
            return Texts.fit(text);
        }
        return value;
    }

    private TypedValue nullValue() {
        if (type == String.class) {
            return Variables.stringValue(null);
        }
        if (type == Boolean.class) {
            return Variables.booleanValue(null);
        }
        if (type == Integer.class) {
            return Variables.integerValue(null);
        }
        if (type == Date.class) {
            return Variables.dateValue(null);
        }
        if (type == Long.class) {
            return Variables.longValue(null);
        }
        return Variables.untypedNullValue();
    }

    @Override
    public String toString() {
        return name;
    }
}
