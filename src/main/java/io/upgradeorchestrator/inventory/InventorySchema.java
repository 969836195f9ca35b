package io.upgradeorchestrator.inventory;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * The inventory's JSON Schema ({@code inventory/inventory.schema.json}, on the classpath beside this class): the one
 * description of the file format. Editors check the files with it as they are typed; the reader checks them with it
 * on start and turns each violation into a {@link Problem} in the product's words.
 */
final class InventorySchema {

    /** What each JSON type is called in messages. */
    private static final Map<String, String> TYPE_NAMES = Map.of("integer", "a whole number", "number", "a number",
            "string", "a text value", "array", "a list", "object", "a mapping of fields", "boolean", "true or false",
            "null", "nothing");

    /** The schema's own key for a pattern's message, as editors based on the VS Code JSON service read it. */
    private static final String PATTERN_MESSAGE = "patternErrorMessage";

    private static final InventorySchema INSTANCE = load();

    private final JsonNode document;
    private final Schema schema;

    private InventorySchema(JsonNode document) {
        this.document = document;
        // Draft 7, which the YAML language server in editors supports, plus the editors' message key (not a check).
        Dialect dialect = Dialect.builder(Dialects.getDraft7())
                .keyword(new NonValidationKeyword(PATTERN_MESSAGE))
                .build();
        this.schema = SchemaRegistry.withDefaultDialect(dialect).getSchema(document);
    }

    static InventorySchema get() {
        return INSTANCE;
    }

    private static InventorySchema load() {
        try (InputStream in = InventorySchema.class.getResourceAsStream("inventory.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("inventory.schema.json is missing from the classpath");
            }
            return new InventorySchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read inventory.schema.json", e);
        }
    }

    /**
     * A violation: {@code at} is the path to the value (field names and list indexes); {@code aboutEntry} says the
     * message is about the mapping at {@code at} itself (an unknown field, a choice not made) rather than a value.
     */
    record Problem(List<Object> at, boolean aboutEntry, String message) {
    }

    /** Every violation in one file's tree, in the order the validator found them. */
    List<Problem> check(JsonNode file) {
        List<Problem> problems = new ArrayList<>();
        for (Error error : schema.validate(file)) {
            // A branch of a choice failing is not a mistake of its own: the choice's error says what to do.
            Problem problem = insideChoice(error.getEvaluationPath()) ? null : problem(error);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    private static boolean insideChoice(NodePath evaluationPath) {
        for (int i = 0; i < evaluationPath.getNameCount() - 1; i++) {
            if ("oneOf".equals(evaluationPath.getName(i))) {
                return true;
            }
        }
        return false;
    }

    /** The violation in the product's words; null when another violation at the same place already says it. */
    private Problem problem(Error error) {
        List<Object> at = segments(error.getInstanceLocation());
        // The schema object that holds the failing keyword: its siblings say what was allowed.
        NodePath keywordPath = error.getSchemaLocation().getFragment();
        JsonNode owner = document.at(pointer(keywordPath.getParent()));
        JsonNode value = error.getInstanceNode();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        switch (keyword) {
            case "required" -> {
                at.add(error.getProperty());
                return new Problem(at, false, "is missing");
            }
            case "additionalProperties" -> {
                List<String> allowed = new ArrayList<>();
                owner.path("properties").fieldNames().forEachRemaining(allowed::add);
                return new Problem(at, true, "unknown field '" + error.getProperty() + "'; allowed fields: "
                        + String.join(", ", allowed));
            }
            case "oneOf" -> {
                // Fields are a choice only in a mapping; anything else already has its "must be a mapping".
                return value != null && !value.isObject() ? null
                        : new Problem(at, true, choice(owner.path("oneOf"), value, error.getMessage()));
            }
            case "dependencies" -> {
                List<String> needed = new ArrayList<>();
                owner.path("dependencies").path(error.getProperty()).forEach(name -> needed.add(name.asText()));
                return new Problem(at, true, "field '" + error.getProperty() + "' is allowed only together with "
                        + String.join(", ", needed));
            }
            case "type" -> {
                return new Problem(at, false, "must be " + typeNames(owner.path("type")) + ", got " + describe(value));
            }
            case "enum" -> {
                return new Problem(at, false, "has invalid value " + describe(value) + "; allowed values: "
                        + allowedValues(owner.path("enum")));
            }
            case "minimum", "maximum" -> {
                return new Problem(at, false, range(owner) + ", got " + describe(value));
            }
            case "minItems" -> {
                int min = owner.path("minItems").asInt();
                return new Problem(at, false, "needs at least " + (min == 1 ? "one entry" : min + " entries"));
            }
            case "pattern" -> {
                String message = owner.path(PATTERN_MESSAGE).asText("must match " + owner.path("pattern").asText());
                return new Problem(at, false, message + ", got " + describe(value));
            }
            default -> {
                return new Problem(at, false, error.getMessage() + ", got " + describe(value));
            }
        }
    }

    /** A {@code oneOf} of single required fields: "needs one of command, http", or which were given too many. */
    private static String choice(JsonNode branches, JsonNode value, String fallback) {
        List<String> names = new ArrayList<>();
        for (JsonNode branch : branches) {
            if (branch.path("required").size() != 1 || branch.size() != 1) {
                return fallback;
            }
            names.add(branch.path("required").get(0).asText());
        }
        List<String> given = names.stream().filter(name -> value != null && value.hasNonNull(name)).toList();
        return given.isEmpty() ? "needs one of " + String.join(", ", names)
                : "needs only one of " + String.join(", ", names) + "; given: " + String.join(", ", given);
    }

    private static String typeNames(JsonNode type) {
        List<String> names = new ArrayList<>();
        (type.isArray() ? StreamSupport.stream(type.spliterator(), false).toList() : List.of(type))
                .forEach(name -> names.add(TYPE_NAMES.getOrDefault(name.asText(), name.asText())));
        return String.join(" or ", names);
    }

    /** The allowed values once each: an enum may list a name in upper and lower case. */
    private static String allowedValues(JsonNode values) {
        Map<String, String> distinct = new LinkedHashMap<>();
        values.forEach(value -> distinct.putIfAbsent(value.asText().toUpperCase(), value.asText()));
        return String.join(", ", distinct.values());
    }

    private static String range(JsonNode owner) {
        String min = owner.path("minimum").asText();
        return owner.has("maximum") ? "must be between " + min + " and " + owner.path("maximum").asText()
                : "must be at least " + min;
    }

    private static List<Object> segments(NodePath path) {
        List<Object> segments = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            segments.add(path.getElement(i));
        }
        return segments;
    }

    private static JsonPointer pointer(NodePath path) {
        JsonPointer pointer = JsonPointer.empty();
        for (int i = 0; path != null && i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer = element instanceof Integer index ? pointer.appendIndex(index)
                    : pointer.appendProperty(String.valueOf(element));
        }
        return pointer;
    }

    /** A value as a person would write it in the file. */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (!value.isTextual()) {
            return value.asText();
        }
        String text = value.asText();
        return "'" + (text.length() <= 80 ? text : text.substring(0, 80) + "… (" + text.length() + " characters)")
                + "'";
    }
}
