package io.upgradeorchestrator.variables;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.springframework.stereotype.Component;

/**
 * The engine keeps a string variable in a column of {@value #MAX_LENGTH} characters ({@code TEXT_}); a longer one
 * failed in the database, which every client saw as a 500. This plugin puts a string serializer in front of the
 * engine's own that refuses such a value with a {@link BadUserRequestException} naming the variable and the limit,
 * before anything is written: {@code /engine-rest}, the webapps' copy that Tasklist calls and the Java API all answer
 * it as a bad request (400 over REST, see {@code security.EngineRestRuleViolations}).
 *
 * <p>How it stays compatible: the engine writes with the first serializer in its list that handles the value (ours,
 * registered as a custom <em>pre</em> serializer) and reads by the serializer name stored with the variable. Ours
 * has the engine's name, {@code string}, and writes exactly what the engine's writes, so every stored value reads
 * back through the engine's own serializer, with or without this plugin. Transient variables are never stored and
 * are not limited.
 *
 * <p>The product's own texts are bounded where they are written (e.g. {@code rollout.Summaries}); this is the net
 * under everything a person or a client sends.
 */
@Component
public class StringLengthLimit extends AbstractProcessEnginePlugin {

    /** Characters of the engine's {@code TEXT_} column (VARCHAR(4000) on H2 and PostgreSQL). */
    public static final int MAX_LENGTH = 4000;

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<TypedValueSerializer> serializers = new ArrayList<>();
        serializers.add(new LimitedStringSerializer());
        if (configuration.getCustomPreVariableSerializers() != null) {
            serializers.addAll(configuration.getCustomPreVariableSerializers());
        }
        configuration.setCustomPreVariableSerializers(serializers);
    }

    /** The engine's string serializer with a length check before it writes. */
    static final class LimitedStringSerializer extends StringValueSerializer {

        @Override
        public void writeValue(StringValue value, ValueFields valueFields) {
            String text = value.getValue();
            if (text != null && text.length() > MAX_LENGTH && !value.isTransient()) {
                throw new BadUserRequestException(tooLong(valueFields.getName(), text.length()));
            }
            super.writeValue(value, valueFields);
        }
    }

    static String tooLong(String variable, int length) {
        return "Variable '" + variable + "' is too long: " + length + " characters, at most " + MAX_LENGTH
                + " characters are allowed";
    }
}
