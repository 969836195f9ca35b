package io.upgradeorchestrator.inventory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.upgradeorchestrator.action.ActionSpec;
import io.upgradeorchestrator.action.InvalidActionException;
import io.upgradeorchestrator.action.Placeholders;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads inventory YAML files into {@link InventorySystem} records and checks them.
 * <p>
 * Each file is checked against {@link InventorySchema} (the format), then by the rules a schema cannot state (time
 * zones, placeholders of the runbook and of configuration reads, unique release versions, a PRODUCTION node, and
 * across files: unique ids and dependencies), then bound to the records by {@link InventoryBinding}. Every problem names its file, its entry
 * ({@code systems[1].nodes[0] (db-1)}) and its field, and reading goes on after the first one: the result is either
 * the complete inventory or an {@link InventoryValidationException} listing all problems of all files.
 */
final class InventoryReader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // An unquoted "version: 15.10" must stay "15.10", not become the double 15.1.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    /** An entry of a list is named by the first of these fields it has: {@code nodes[0] (db-1)}. */
    private static final List<String> LABEL_FIELDS = List.of("id", "name", "version", "role", "systemId", "component");
    /** Runbook fields whose text is a template (see {@link Runbook}); they are the same in every runbook entry. */
    private static final Set<String> TEMPLATE_FIELDS = Set.of("command", "workingDirectory", "url", "query", "file");
    /** {@code ${name}}: one of the orchestrator's values, filled when an action runs. */
    private static final Pattern SETTING = Pattern.compile("\\$\\{([^}]*)}");

    /** Reads a runbook stored by {@link RunbookJson}; it was checked when its file was loaded. */
    static Runbook runbookFromJson(String json) {
        try {
            return InventoryBinding.runbook(json);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Inventory table holds an invalid runbook: " + json, e);
        }
    }

    /** Reads a configuration item's {@code read} stored by {@link RunbookJson#writeRead}; it was checked on load. */
    static ActionSpec configurationReadFromJson(String json) {
        try {
            return InventoryBinding.configurationRead(json);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Inventory table holds an invalid configuration read: " + json, e);
        }
    }

    /**
     * Reads all {@code files} as one inventory.
     *
     * @param location how the files were found, for the error message
     * @throws InventoryValidationException listing every problem in every file
     */
    List<InventorySystem> read(String location, List<Resource> files) {
        List<String> errors = new ArrayList<>();
        List<InventoryFile> read = new ArrayList<>();
        for (Resource resource : files) {
            InventoryFile file = new InventoryFile(fileName(resource), errors);
            if (file.read(resource)) {
                read.add(file);
            }
        }
        checkAcrossFiles(read);
        if (!errors.isEmpty()) {
            // Group by file (stable: each file's errors keep their order) so a person can fix one file at a time.
            errors.sort(Comparator.comparing(error -> error.substring(0, error.indexOf(": "))));
            throw new InventoryValidationException(location, errors);
        }
        return read.stream().flatMap(file -> file.systems.stream()).toList();
    }

    private static String fileName(Resource file) {
        return file.getFilename() != null ? file.getFilename() : file.getDescription();
    }

    /** Ids must be unique in the whole inventory and dependencies must point at a declared system. */
    private static void checkAcrossFiles(List<InventoryFile> files) {
        Map<String, String> systemIds = new HashMap<>();
        Map<String, String> nodeIds = new HashMap<>();
        for (InventoryFile file : files) {
            file.forEachEntry(List.of("systems"), (system, at) -> {
                file.unique(systemIds, system, at, "id", "duplicate system id");
                file.forEachEntry(append(at, "nodes"), (node, nodeAt) ->
                        file.unique(nodeIds, node, nodeAt, "id", "duplicate node id"));
            });
        }
        TreeSet<String> known = new TreeSet<>(systemIds.keySet());
        for (InventoryFile file : files) {
            file.forEachEntry(List.of("systems"), (system, at) -> file.forEachEntry(append(at, "dependencies"),
                    (dependency, dependencyAt) -> {
                        String target = text(dependency.get("systemId"));
                        List<Object> field = append(dependencyAt, "systemId");
                        if (target == null) {
                            return;
                        }
                        if (target.equals(text(system.get("id")))) {
                            file.fieldError(field, ": system '" + target + "' cannot depend on itself");
                        } else if (!known.contains(target)) {
                            file.fieldError(field, ": unknown system '" + target + "'; declared systems: "
                                    + String.join(", ", known));
                        }
                    }));
        }
    }

    /** One file: its tree, the systems bound from it, and its problems added to the shared error list. */
    private static final class InventoryFile {

        private final String name;
        private final List<String> errors;
        private final List<InventorySystem> systems = new ArrayList<>();
        private JsonNode root;

        InventoryFile(String name, List<String> errors) {
            this.name = name;
            this.errors = errors;
        }

        /** Parses, checks and binds the file; false when it is not a mapping of YAML at all. */
        boolean read(Resource resource) {
            try (InputStream in = resource.getInputStream()) {
                root = YAML.readTree(in);
            } catch (JacksonException e) {
                errors.add(name + ": is not valid YAML " + syntaxError(e));
                return false;
            } catch (IOException e) {
                errors.add(name + ": cannot be read: " + e.getMessage());
                return false;
            }
            if (root == null || root.isMissingNode() || root.isNull()) {
                errors.add(name + ": is empty; expected a top-level 'systems:' list");
                return false;
            }
            if (!root.isObject()) {
                errors.add(name + ": expected a top-level 'systems:' list, got " + InventorySchema.describe(root));
                return false;
            }
            Set<Object> misshapen = new HashSet<>();
            for (InventorySchema.Problem problem : InventorySchema.get().check(root)) {
                error(problem.at(), problem.aboutEntry(), problem.message());
                // Which system it is in; a problem at the top level leaves nothing to bind.
                misshapen.add(problem.at().size() > 1 ? problem.at().get(1) : "all");
            }
            forEachEntry(List.of("systems"), this::checkRules);
            if (!misshapen.contains("all")) {
                forEachEntry(List.of("systems"), (system, at) -> {
                    if (!misshapen.contains(at.get(1))) {
                        bind(system, at);
                    }
                });
            }
            return true;
        }

        /** The rules of one system that a schema cannot state; they read the tree, so they hold for any shape. */
        private void checkRules(JsonNode system, List<Object> at) {
            JsonNode nodes = system.get("nodes");
            if (nodes != null && nodes.isArray()) {
                List<String> environments = new ArrayList<>();
                nodes.forEach(node -> environments.add(String.valueOf(text(node.get("environment"))).toUpperCase()));
                boolean allKnown = environments.stream().allMatch(environment -> Arrays.stream(Environment.values())
                        .anyMatch(known -> known.name().equals(environment)));
                if (allKnown && !environments.contains(Environment.PRODUCTION.name())) {
                    fieldError(append(at, "nodes"),
                            "has no node with environment PRODUCTION; a system needs at least one");
                }
            }
            forEachEntry(append(at, "peakPeriods"), (period, periodAt) -> {
                String zone = text(period.get("zone"));
                try {
                    if (zone != null) {
                        ZoneId.of(zone);
                    }
                } catch (DateTimeException e) {
                    fieldError(append(periodAt, "zone"), "is not a known time zone: '" + zone
                            + "'; use a region id such as Europe/Berlin");
                }
            });
            Map<String, String> releases = new HashMap<>();
            forEachEntry(append(at, "releases"), (release, releaseAt) ->
                    unique(releases, release, releaseAt, "version", "duplicate release"));
            checkTemplates(system.get("runbook"), append(at, "runbook"));
            // a configuration item's read is filled like a runbook step, so it takes the same placeholders
            forEachEntry(append(at, "configurationItems"), (item, itemAt) ->
                    checkTemplates(item.get("read"), append(itemAt, "read")));
        }

        /** Every template of the runbook: its {placeholders} must be the action layer's, its ${values} ours. */
        private void checkTemplates(JsonNode node, List<Object> at) {
            if (node == null) {
                return;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    checkTemplates(node.get(i), append(at, i));
                }
                return;
            }
            node.properties().forEach(field -> {
                List<Object> fieldAt = append(at, field.getKey());
                JsonNode value = field.getValue();
                if (TEMPLATE_FIELDS.contains(field.getKey()) && value.isTextual()) {
                    checkTemplate(value.asText(), fieldAt);
                } else if (TEMPLATE_FIELDS.contains(field.getKey()) && value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        if (value.get(i).isTextual()) {
                            checkTemplate(value.get(i).asText(), append(fieldAt, i));
                        }
                    }
                } else if (value.isContainerNode()) {
                    checkTemplates(value, fieldAt);
                }
            });
        }

        private void checkTemplate(String text, List<Object> at) {
            Matcher settings = SETTING.matcher(text);
            Set<String> unknown = new LinkedHashSet<>();
            while (settings.find()) {
                if (!Runbook.SETTINGS.contains(settings.group(1))) {
                    unknown.add(settings.group(1));
                }
            }
            if (!unknown.isEmpty()) {
                fieldError(at, "uses unknown value " + unknown.stream().map(n -> "${" + n + "}").toList()
                        + "; known values: " + new TreeSet<>(Runbook.SETTINGS).stream().map(n -> "${" + n + "}")
                        .toList());
                return;
            }
            try {
                Placeholders.check(SETTING.matcher(text).replaceAll(""));
            } catch (InvalidActionException e) {
                fieldError(at, ": " + e.getMessage());
            }
        }

        /** Binds one system the schema accepted; what a record's constructor refuses is named by its entry. */
        private void bind(JsonNode system, List<Object> at) {
            try {
                systems.add(InventoryBinding.system(system));
            } catch (JsonMappingException e) {
                List<Object> path = new ArrayList<>(at);
                e.getPath().forEach(reference -> path.add(reference.getFieldName() != null ? reference.getFieldName()
                        : reference.getIndex()));
                error(path, true, e.getCause() instanceof InvalidActionException invalid ? invalid.getMessage()
                        : e.getOriginalMessage());
            } catch (IOException | RuntimeException e) {
                error(at, true, e.getMessage());
            }
        }

        /** Records the first entry with each value of {@code field}; a later one is an error naming the first. */
        void unique(Map<String, String> seen, JsonNode entry, List<Object> at, String field, String what) {
            String value = text(entry.get(field));
            String first = value == null ? null : seen.putIfAbsent(value, name + ": " + entryName(at));
            if (first != null) {
                fieldError(append(at, field), ": " + what + " '" + value + "', already declared at " + first);
            }
        }

        /** Calls {@code action} with each mapping of the list at {@code at}, if there is such a list. */
        void forEachEntry(List<Object> at, BiConsumer<JsonNode, List<Object>> action) {
            JsonNode list = node(at);
            if (list != null && list.isArray()) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).isObject()) {
                        action.accept(list.get(i), append(at, i));
                    }
                }
            }
        }

        void fieldError(List<Object> at, String message) {
            error(at, false, message);
        }

        /**
         * Adds "file: entry: field 'f' message". The entry is the mapping that holds the value at {@code at} (or,
         * {@code aboutEntry}, the mapping at {@code at} itself); the field is the rest of the path.
         */
        private void error(List<Object> at, boolean aboutEntry, String message) {
            int entryLength = entryLength(at, aboutEntry);
            String field = path(at.subList(entryLength, at.size()));
            errors.add(name + ": " + entryName(at.subList(0, entryLength)) + ": " + (field.isEmpty() ? message
                    : "field '" + field + "'" + (message.startsWith(":") ? "" : " ") + message));
        }

        /** How much of {@code at} leads to the innermost mapping that holds the value. */
        private int entryLength(List<Object> at, boolean aboutEntry) {
            int length = 0;
            JsonNode node = root;
            for (int i = 0; i < at.size() - (aboutEntry ? 0 : 1) && node != null; i++) {
                node = child(node, at.get(i));
                if (node != null && node.isObject()) {
                    length = i + 1;
                }
            }
            return length;
        }

        /** {@code systems[0].nodes[1] (db-2)}: the path of a mapping, with its label if it is a list entry. */
        private String entryName(List<Object> at) {
            if (at.isEmpty()) {
                return "(top level)";
            }
            String entry = path(at);
            JsonNode node = node(at);
            if (at.get(at.size() - 1) instanceof Integer && node != null) {
                for (String labelField : LABEL_FIELDS) {
                    JsonNode label = node.get(labelField);
                    if (label != null && label.isValueNode() && !label.isNull()) {
                        return entry + " (" + label.asText() + ")";
                    }
                }
            }
            return entry;
        }

        private JsonNode node(List<Object> at) {
            JsonNode node = root;
            for (int i = 0; i < at.size() && node != null; i++) {
                node = child(node, at.get(i));
            }
            return node;
        }
    }

    private static JsonNode child(JsonNode node, Object segment) {
        return segment instanceof Integer index ? node.get(index) : node.get(String.valueOf(segment));
    }

    private static String path(List<Object> at) {
        StringBuilder path = new StringBuilder();
        for (Object segment : at) {
            if (segment instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(segment);
            }
        }
        return path.toString();
    }

    private static List<Object> append(List<Object> at, Object segment) {
        List<Object> longer = new ArrayList<>(at);
        longer.add(segment);
        return longer;
    }

    /** A text (or number) value; null for anything else. */
    private static String text(JsonNode value) {
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** The YAML parser's multi-line message (with a source excerpt) as one line: where, and what is wrong. */
    private static String syntaxError(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return "at line " + (yaml.getProblemMark().getLine() + 1) + ", column "
                    + (yaml.getProblemMark().getColumn() + 1) + ": "
                    + (yaml.getContext() == null ? "" : yaml.getContext() + ", ") + yaml.getProblem();
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : "at line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ": ";
        return where + e.getOriginalMessage().replaceAll("\\s+", " ").trim();
    }
}
