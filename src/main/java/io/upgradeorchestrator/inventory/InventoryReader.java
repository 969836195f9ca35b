package io.upgradeorchestrator.inventory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.upgradeorchestrator.action.ActionSpec;
import io.upgradeorchestrator.action.CommandSpec;
import io.upgradeorchestrator.action.FileReadSpec;
import io.upgradeorchestrator.action.HttpCheckSpec;
import io.upgradeorchestrator.action.InvalidActionException;
import io.upgradeorchestrator.action.LogPattern;
import io.upgradeorchestrator.action.LogScanSpec;
import io.upgradeorchestrator.action.Placeholders;
import io.upgradeorchestrator.action.SqlCheckSpec;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads inventory YAML files into {@link InventorySystem} records and checks them.
 * <p>
 * The YAML is walked as a tree rather than bound to the records, so that every problem can be reported with its
 * file, its entry ({@code systems[1].nodes[0] (db-1)}) and its field, and so that reading goes on after the first
 * problem: the result is either the complete inventory or an {@link InventoryValidationException} listing all
 * problems of all files.
 */
final class InventoryReader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // An unquoted "version: 15.10" must stay "15.10", not become the double 15.1.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** A host name or an IPv4/IPv6 address: it becomes a command argument ({@code ssh {host} …}). */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9-]{1,63})*\\.?"
            + "|\\[?[0-9A-Fa-f:.]{2,45}]?");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

    private static final List<String> TOP_FIELDS = List.of("systems");
    private static final List<String> SYSTEM_FIELDS = List.of("id", "name", "tier", "ownerGroup", "businessServices",
            "peakPeriods", "criticalUserGroups", "sla", "complianceTags", "notificationList", "onCallRoles", "nodes",
            "components", "dependencies", "configurationItems", "releases", "runbook");
    private static final List<String> PEAK_PERIOD_FIELDS =
            List.of("name", "daysOfWeek", "daysOfMonth", "start", "end", "zone");
    private static final List<String> SLA_FIELDS = List.of("availabilityPercent", "maxOutageMinutes", "supportHours");
    private static final List<String> ON_CALL_ROLE_FIELDS = List.of("role", "group");
    private static final List<String> NODE_FIELDS = List.of("id", "host", "site", "environment", "version");
    private static final List<String> COMPONENT_FIELDS = List.of("area", "name", "version");
    private static final List<String> DEPENDENCY_FIELDS = List.of("systemId", "description");
    private static final List<String> CONFIGURATION_ITEM_FIELDS = List.of("name", "kind", "location", "read");
    /** How a configuration item is read: a command that prints it, or a file. */
    private static final List<String> CONFIGURATION_READ_FIELDS = List.of("command", "workingDirectory", "timeout",
            "expectedExitCodes", "file");
    private static final List<String> RELEASE_FIELDS =
            List.of("version", "releaseNotesUrl", "mixedVersionSupported", "requirements");
    private static final List<String> REQUIREMENT_FIELDS = List.of("area", "component", "minimumVersion");
    private static final List<String> RUNBOOK_STEPS = List.of("backup", "verifyBackup", "restore", "verifyRestore",
            "upgrade", "rollback", "healthCheck");
    private static final List<String> RUNBOOK_FIELDS = concat(List.of("demoTarget"), RUNBOOK_STEPS,
            List.of("acceptanceChecks", "monitoringProbes", "logSources", "estimates"));
    private static final List<String> COMMAND_FIELDS =
            List.of("command", "workingDirectory", "timeout", "expectedExitCodes");
    private static final List<String> STEP_FIELDS = concat(COMMAND_FIELDS, List.of("http", "estimate"));
    private static final List<String> HTTP_FIELDS = List.of("method", "url", "expectedStatus", "bodyPattern", "timeout");
    private static final List<String> SQL_FIELDS = List.of("connection", "query", "expectation");
    private static final List<String> CHECK_FIELDS = concat(List.of("name", "priority"), COMMAND_FIELDS,
            List.of("http", "sql"));
    private static final List<String> PROBE_FIELDS = List.of("name", "http", "maxLatencyMillis", "maxErrorRatePercent");
    private static final List<String> LOG_SOURCE_FIELDS = List.of("name", "file", "command", "patterns");
    private static final List<String> LOG_PATTERN_FIELDS = List.of("name", "regex", "threshold");
    private static final List<String> ESTIMATE_FIELDS =
            List.of("preparation", "verification", "repairBuffer", "rollbackDecision");
    /** {@code ${name}}: one of the orchestrator's values, filled when an action runs. */
    private static final Pattern SETTING = Pattern.compile("\\$\\{([^}]*)}");

    /** Reads a runbook stored by {@link RunbookJson}; it was checked when its file was loaded. */
    static Runbook runbookFromJson(String json) {
        List<String> errors = new ArrayList<>();
        Runbook runbook;
        try {
            runbook = new FileParser("(stored runbook)", errors).runbook(YAML.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("Inventory table holds a malformed runbook: " + json, e);
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Inventory table holds an invalid runbook: " + errors);
        }
        return runbook;
    }

    /** Reads a configuration item's {@code read} stored by {@link RunbookJson#writeRead}; it was checked on load. */
    static ActionSpec configurationReadFromJson(String json) {
        List<String> errors = new ArrayList<>();
        ActionSpec read;
        try {
            read = new FileParser("(stored configuration read)", errors).configurationRead(YAML.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("Inventory table holds a malformed configuration read: " + json, e);
        }
        if (!errors.isEmpty() || read == null) {
            throw new IllegalStateException("Inventory table holds an invalid configuration read: " + errors);
        }
        return read;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }

    /**
     * Reads all {@code files} as one inventory.
     *
     * @param location how the files were found, for the error message
     * @throws InventoryValidationException listing every problem in every file
     */
    List<InventorySystem> read(String location, List<Resource> files) {
        List<String> errors = new ArrayList<>();
        List<ParsedSystem> systems = new ArrayList<>();
        for (Resource file : files) {
            systems.addAll(new FileParser(fileName(file), errors).parse(file));
        }
        checkAcrossFiles(systems, errors);
        if (!errors.isEmpty()) {
            // Group by file (stable: each file's errors keep their order) so a person can fix one file at a time.
            errors.sort(Comparator.comparing(error -> error.substring(0, error.indexOf(": "))));
            throw new InventoryValidationException(location, errors);
        }
        return systems.stream().map(ParsedSystem::system).toList();
    }

    private static String fileName(Resource file) {
        return file.getFilename() != null ? file.getFilename() : file.getDescription();
    }

    /** Ids must be unique in the whole inventory and dependencies must point at a declared system. */
    private static void checkAcrossFiles(List<ParsedSystem> systems, List<String> errors) {
        Map<String, String> systemIds = new HashMap<>();
        Map<String, String> nodeIds = new HashMap<>();
        for (ParsedSystem parsed : systems) {
            String id = parsed.system().id();
            if (id != null) {
                String first = systemIds.putIfAbsent(id, parsed.where());
                if (first != null) {
                    errors.add(parsed.where() + ": field 'id': duplicate system id '" + id
                            + "', already declared at " + first);
                }
            }
            List<Node> nodes = parsed.system().nodes();
            for (int i = 0; i < nodes.size(); i++) {
                String nodeId = nodes.get(i).id();
                String where = parsed.file() + ": " + parsed.nodeEntries().get(i);
                String first = nodeId == null ? null : nodeIds.putIfAbsent(nodeId, where);
                if (first != null) {
                    errors.add(where + ": field 'id': duplicate node id '" + nodeId + "', already declared at "
                            + first);
                }
            }
        }
        TreeSet<String> known = new TreeSet<>(systemIds.keySet());
        for (ParsedSystem parsed : systems) {
            List<Dependency> dependencies = parsed.system().dependencies();
            for (int i = 0; i < dependencies.size(); i++) {
                String target = dependencies.get(i).systemId();
                String where = parsed.file() + ": " + parsed.dependencyEntries().get(i);
                if (target == null) {
                    continue;
                }
                if (target.equals(parsed.system().id())) {
                    errors.add(where + ": field 'systemId': system '" + target + "' cannot depend on itself");
                } else if (!known.contains(target)) {
                    errors.add(where + ": field 'systemId': unknown system '" + target + "'; declared systems: "
                            + String.join(", ", known));
                }
            }
        }
    }

    /** A system as read from one file, with the names of its entries for cross-file error messages. */
    private record ParsedSystem(String file, String entry, InventorySystem system, List<String> nodeEntries,
                                List<String> dependencyEntries) {

        String where() {
            return file + ": " + entry;
        }
    }

    /** Reads one file, adding its problems to the shared error list. */
    private static final class FileParser {

        private final String file;
        private final List<String> errors;

        FileParser(String file, List<String> errors) {
            this.file = file;
            this.errors = errors;
        }

        List<ParsedSystem> parse(Resource resource) {
            JsonNode root;
            try (InputStream in = resource.getInputStream()) {
                root = YAML.readTree(in);
            } catch (JacksonException e) {
                errors.add(file + ": is not valid YAML " + syntaxError(e));
                return List.of();
            } catch (IOException e) {
                errors.add(file + ": cannot be read: " + e.getMessage());
                return List.of();
            }
            if (root == null || root.isMissingNode() || root.isNull()) {
                errors.add(file + ": is empty; expected a top-level 'systems:' list");
                return List.of();
            }
            if (!root.isObject()) {
                errors.add(file + ": expected a top-level 'systems:' list, got " + describe(root));
                return List.of();
            }
            Fields top = new Fields(root, "(top level)", "(top level)", TOP_FIELDS);
            List<JsonNode> items = top.list("systems", true);
            List<ParsedSystem> systems = new ArrayList<>();
            if (items != null) {
                for (int i = 0; i < items.size(); i++) {
                    ParsedSystem system = system(items.get(i), "systems[" + i + "]");
                    if (system != null) {
                        systems.add(system);
                    }
                }
            }
            return systems;
        }

        private ParsedSystem system(JsonNode item, String path) {
            Fields f = fields(item, path, "id", SYSTEM_FIELDS);
            if (f == null) {
                return null;
            }
            List<String> nodeEntries = new ArrayList<>();
            List<String> dependencyEntries = new ArrayList<>();
            String id = f.id("id");
            String name = f.text("name", true);
            Integer tier = f.integer("tier", true, 1, 4);
            String ownerGroup = f.text("ownerGroup", true);
            List<String> businessServices = f.texts("businessServices");
            List<PeakPeriod> peakPeriods = f.entries("peakPeriods", "name", PEAK_PERIOD_FIELDS, this::peakPeriod, null);
            List<String> criticalUserGroups = f.texts("criticalUserGroups");
            Sla sla = f.mapping("sla", SLA_FIELDS, this::sla);
            List<String> complianceTags = f.texts("complianceTags");
            List<String> notificationList = f.texts("notificationList");
            for (int i = 0; i < notificationList.size(); i++) {
                if (!EMAIL.matcher(notificationList.get(i)).matches()) {
                    f.error("field 'notificationList[" + i + "]' is not a valid e-mail address: '"
                            + notificationList.get(i) + "'");
                }
            }
            List<OnCallRole> onCallRoles = f.entries("onCallRoles", "role", ON_CALL_ROLE_FIELDS, this::onCallRole, null);
            boolean hasNodes = f.has("nodes");
            List<Node> nodes = f.entries("nodes", "id", NODE_FIELDS, this::node, nodeEntries);
            if (!hasNodes) {
                f.error("field 'nodes' is missing; a system needs at least one PRODUCTION node");
            } else if (f.node.get("nodes").isArray() && nodes.stream().allMatch(node -> node.environment() != null)
                    && nodes.stream().noneMatch(node -> node.environment() == Environment.PRODUCTION)) {
                f.error("field 'nodes' has no node with environment PRODUCTION; a system needs at least one");
            }
            List<Component> components = f.entries("components", "name", COMPONENT_FIELDS, this::component, null);
            List<Dependency> dependencies =
                    f.entries("dependencies", "systemId", DEPENDENCY_FIELDS, this::dependency, dependencyEntries);
            List<ConfigurationItem> configurationItems = f.entries("configurationItems", "name",
                    CONFIGURATION_ITEM_FIELDS, this::configurationItem, null);
            List<String> releaseEntries = new ArrayList<>();
            List<Release> releases = f.entries("releases", "version", RELEASE_FIELDS, this::release, releaseEntries);
            Map<String, String> releaseVersions = new HashMap<>();
            for (int i = 0; i < releases.size(); i++) {
                String version = releases.get(i).version();
                String first = version == null ? null : releaseVersions.putIfAbsent(version, releaseEntries.get(i));
                if (first != null) {
                    errors.add(file + ": " + releaseEntries.get(i) + ": field 'version': duplicate release '"
                            + version + "', already declared at " + first);
                }
            }
            Runbook runbook = f.optionalMapping("runbook", RUNBOOK_FIELDS, this::runbook);
            InventorySystem system = new InventorySystem(id, name, tier == null ? 0 : tier, ownerGroup,
                    businessServices, peakPeriods, criticalUserGroups, sla, complianceTags, notificationList,
                    onCallRoles, nodes, components, dependencies, configurationItems, releases, runbook);
            return new ParsedSystem(file, f.entry, system, nodeEntries, dependencyEntries);
        }

        private PeakPeriod peakPeriod(Fields f) {
            String name = f.text("name", true);
            List<DayOfWeek> daysOfWeek = new ArrayList<>();
            List<JsonNode> days = f.list("daysOfWeek", false);
            if (days != null) {
                for (int i = 0; i < days.size(); i++) {
                    DayOfWeek day = f.enumValue("daysOfWeek[" + i + "]", days.get(i), DayOfWeek.class);
                    if (day != null) {
                        daysOfWeek.add(day);
                    }
                }
            }
            List<Integer> daysOfMonth = new ArrayList<>();
            List<JsonNode> dates = f.list("daysOfMonth", false);
            if (dates != null) {
                for (int i = 0; i < dates.size(); i++) {
                    Integer day = f.integerValue("daysOfMonth[" + i + "]", dates.get(i), 1, 31);
                    if (day != null) {
                        daysOfMonth.add(day);
                    }
                }
            }
            LocalTime start = f.time("start");
            LocalTime end = f.time("end");
            String zone = f.zone("zone");
            return new PeakPeriod(name, List.copyOf(daysOfWeek), List.copyOf(daysOfMonth), start, end, zone);
        }

        private Sla sla(Fields f) {
            Double availability = f.decimal("availabilityPercent", 0, 100);
            Integer maxOutage = f.integer("maxOutageMinutes", true, 0, Integer.MAX_VALUE);
            String supportHours = f.text("supportHours", true);
            return new Sla(availability == null ? 0 : availability, maxOutage == null ? 0 : maxOutage, supportHours);
        }

        private OnCallRole onCallRole(Fields f) {
            return new OnCallRole(f.text("role", true), f.text("group", true));
        }

        private Node node(Fields f) {
            return new Node(f.id("id"), f.host("host"), f.text("site", true),
                    f.enumeration("environment", Environment.class), f.version("version"));
        }

        private Component component(Fields f) {
            return new Component(f.enumeration("area", Area.class), f.text("name", true), f.version("version"));
        }

        private Dependency dependency(Fields f) {
            String description = f.text("description", false);
            return new Dependency(f.text("systemId", true), description == null ? "" : description);
        }

        private ConfigurationItem configurationItem(Fields f) {
            return new ConfigurationItem(f.text("name", true), f.text("kind", true), f.text("location", true),
                    f.optionalMapping("read", CONFIGURATION_READ_FIELDS, Fields::configurationRead));
        }

        /** A configuration item's {@code read} as stored by {@link RunbookJson#writeRead}. */
        ActionSpec configurationRead(JsonNode node) {
            if (node == null || !node.isObject()) {
                errors.add(file + ": read must be a mapping of fields");
                return null;
            }
            return new Fields(node, "read", "read", CONFIGURATION_READ_FIELDS).configurationRead();
        }

        private Release release(Fields f) {
            String version = f.version("version");
            String releaseNotesUrl = f.text("releaseNotesUrl", false);
            Boolean mixedVersionSupported = f.bool("mixedVersionSupported");
            List<Release.Requirement> requirements =
                    f.entries("requirements", "component", REQUIREMENT_FIELDS, this::requirement, null);
            return new Release(version, releaseNotesUrl, Boolean.TRUE.equals(mixedVersionSupported), requirements);
        }

        private Release.Requirement requirement(Fields f) {
            return new Release.Requirement(f.enumeration("area", Area.class), f.text("component", true),
                    f.version("minimumVersion"));
        }

        /** A runbook read from its JSON form (the YAML's own shape). */
        Runbook runbook(JsonNode node) {
            if (node == null || !node.isObject()) {
                errors.add(file + ": runbook must be a mapping of fields");
                return null;
            }
            return runbook(new Fields(node, "runbook", "runbook", RUNBOOK_FIELDS));
        }

        private Runbook runbook(Fields f) {
            Boolean demoTarget = f.bool("demoTarget");
            Runbook.Step[] steps = new Runbook.Step[RUNBOOK_STEPS.size()];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = f.mapping(RUNBOOK_STEPS.get(i), STEP_FIELDS, this::step);
            }
            List<Runbook.AcceptanceCheck> checks =
                    f.entries("acceptanceChecks", "name", CHECK_FIELDS, this::acceptanceCheck, null);
            List<Runbook.MonitoringProbe> probes =
                    f.entries("monitoringProbes", "name", PROBE_FIELDS, this::monitoringProbe, null);
            List<Runbook.LogSource> logSources = f.entries("logSources", "name", LOG_SOURCE_FIELDS, this::logSource, null);
            Runbook.Estimates estimates = f.mapping("estimates", ESTIMATE_FIELDS, this::estimates);
            return new Runbook(Boolean.TRUE.equals(demoTarget), steps[0], steps[1], steps[2], steps[3], steps[4],
                    steps[5], steps[6], checks, probes, logSources, estimates);
        }

        private Runbook.Step step(Fields f) {
            Duration estimate = f.duration("estimate", true);
            ActionSpec action = f.action(false);
            return action == null ? null : new Runbook.Step(action, estimate);
        }

        private Runbook.AcceptanceCheck acceptanceCheck(Fields f) {
            String name = f.text("name", true);
            Runbook.Priority priority = f.enumeration("priority", Runbook.Priority.class);
            ActionSpec action = f.action(true);
            return name == null || priority == null || action == null ? null
                    : new Runbook.AcceptanceCheck(name, priority, action);
        }

        private Runbook.MonitoringProbe monitoringProbe(Fields f) {
            String name = f.text("name", true);
            HttpCheckSpec http = f.mapping("http", HTTP_FIELDS, Fields::http);
            Integer maxLatency = f.integer("maxLatencyMillis", true, 1, Integer.MAX_VALUE);
            Double maxErrorRate = f.decimal("maxErrorRatePercent", 0, 100);
            return name == null || http == null || maxLatency == null || maxErrorRate == null ? null
                    : new Runbook.MonitoringProbe(name, http, maxLatency, maxErrorRate);
        }

        private Runbook.LogSource logSource(Fields f) {
            String name = f.text("name", true);
            String logFile = f.template("file", false);
            List<String> command = f.command(false);
            List<LogPattern> patterns = f.entries("patterns", "name", LOG_PATTERN_FIELDS, Fields::logPattern, null);
            if (!f.has("patterns")) {
                f.error("field 'patterns' is missing");
            } else if (f.node.get("patterns").isArray() && f.node.get("patterns").isEmpty()) {
                f.error("field 'patterns' needs at least one pattern");
            }
            if ((logFile == null) == (command == null)) {
                f.error("needs either 'file' or 'command', not both");
                return null;
            }
            if (name == null || patterns.isEmpty()) {
                return null;
            }
            return new Runbook.LogSource(name, new LogScanSpec(logFile, command, patterns));
        }

        private Runbook.Estimates estimates(Fields f) {
            return new Runbook.Estimates(f.duration("preparation", true), f.duration("verification", true),
                    f.duration("repairBuffer", true), f.duration("rollbackDecision", true));
        }

        /** The fields of a mapping entry, or null (with an error) when the entry is not a mapping. */
        private Fields fields(JsonNode item, String path, String labelField, List<String> allowed) {
            JsonNode labelNode = item.isObject() ? item.get(labelField) : null;
            String label = labelNode != null && labelNode.isValueNode() && !labelNode.isNull()
                    ? labelNode.asText() : null;
            String entry = label == null ? path : path + " (" + label + ")";
            if (!item.isObject()) {
                errors.add(file + ": " + entry + ": must be a mapping of fields, got " + describe(item));
                return null;
            }
            return new Fields(item, path, entry, allowed);
        }

        /** Typed access to the fields of one entry; every problem is recorded with file, entry and field. */
        private final class Fields {

            private final JsonNode node;
            private final String path;
            private final String entry;

            Fields(JsonNode node, String path, String entry, List<String> allowed) {
                this.node = node;
                this.path = path;
                this.entry = entry;
                node.fieldNames().forEachRemaining(name -> {
                    if (!allowed.contains(name)) {
                        error("unknown field '" + name + "'; allowed fields: " + String.join(", ", allowed));
                    }
                });
            }

            void error(String message) {
                errors.add(file + ": " + entry + ": " + message);
            }

            boolean has(String field) {
                return value(field, false) != null;
            }

            private JsonNode value(String field, boolean required) {
                JsonNode value = node.get(field);
                if (value == null || value.isNull()) {
                    if (required) {
                        error("field '" + field + "' is missing");
                    }
                    return null;
                }
                return value;
            }

            String text(String field, boolean required) {
                JsonNode value = value(field, required);
                return value == null ? null : textValue(field, value, required);
            }

            private String textValue(String field, JsonNode value, boolean required) {
                if (!value.isValueNode()) {
                    error("field '" + field + "' must be a text value, got " + describe(value));
                    return null;
                }
                String text = value.asText().trim();
                if (text.isEmpty()) {
                    if (required) {
                        error("field '" + field + "' is empty");
                    }
                    return null;
                }
                return text;
            }

            String id(String field) {
                String id = text(field, true);
                if (id != null && !ID.matcher(id).matches()) {
                    error("field '" + field + "' must be 1 to 100 letters, digits, '.', '_' or '-' and start with "
                            + "a letter or digit, got '" + id + "'");
                }
                return id;
            }

            /** A required version: it becomes a command argument and part of file names. */
            String version(String field) {
                String version = text(field, true);
                if (version != null && !Versions.isValid(version)) {
                    error("field '" + field + "' must be a version of " + Versions.RULE + ", got '"
                            + abbreviated(version) + "'");
                    return null;
                }
                return version;
            }

            /** A required host name or address: it becomes a command argument. */
            String host(String field) {
                String host = text(field, true);
                if (host != null && (host.length() > 253 || !HOST.matcher(host).matches())) {
                    error("field '" + field + "' must be a host name (letters, digits, '-' and '.') or an IP address, "
                            + "got '" + abbreviated(host) + "'");
                    return null;
                }
                return host;
            }

            Integer integer(String field, boolean required, int min, int max) {
                JsonNode value = value(field, required);
                return value == null ? null : integerValue(field, value, min, max);
            }

            Integer integerValue(String field, JsonNode value, int min, int max) {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    error("field '" + field + "' must be a whole number, got " + describe(value));
                    return null;
                }
                int number = value.intValue();
                if (number < min || number > max) {
                    error("field '" + field + "' must be " + (max == Integer.MAX_VALUE ? "at least " + min
                            : "between " + min + " and " + max) + ", got " + number);
                    return null;
                }
                return number;
            }

            Double decimal(String field, double min, double max) {
                JsonNode value = value(field, true);
                if (value == null) {
                    return null;
                }
                if (!value.isNumber()) {
                    error("field '" + field + "' must be a number, got " + describe(value));
                    return null;
                }
                double number = value.doubleValue();
                if (number < min || number > max) {
                    error("field '" + field + "' must be between " + min + " and " + max + ", got " + value.asText());
                    return null;
                }
                return number;
            }

            Boolean bool(String field) {
                JsonNode value = value(field, false);
                if (value == null) {
                    return null;
                }
                if (!value.isBoolean()) {
                    error("field '" + field + "' must be true or false, got " + describe(value));
                    return null;
                }
                return value.booleanValue();
            }

            <E extends Enum<E>> E enumeration(String field, Class<E> type) {
                JsonNode value = value(field, true);
                return value == null ? null : enumValue(field, value, type);
            }

            <E extends Enum<E>> E enumValue(String field, JsonNode value, Class<E> type) {
                String text = textValue(field, value, true);
                if (text == null) {
                    return null;
                }
                for (E constant : type.getEnumConstants()) {
                    if (constant.name().equalsIgnoreCase(text)) {
                        return constant;
                    }
                }
                error("field '" + field + "' has invalid value '" + text + "'; allowed values: "
                        + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
                return null;
            }

            LocalTime time(String field) {
                String text = text(field, true);
                if (text == null) {
                    return null;
                }
                var matcher = TIME.matcher(text);
                try {
                    if (matcher.matches()) {
                        return LocalTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
                    }
                } catch (DateTimeException e) {
                    // falls through to the error below
                }
                error("field '" + field + "' must be a time of day as \"HH:mm\" (00:00 to 23:59, quoted in YAML), "
                        + "got '" + text + "'");
                return null;
            }

            String zone(String field) {
                String text = text(field, true);
                if (text == null) {
                    return null;
                }
                try {
                    return ZoneId.of(text).getId();
                } catch (DateTimeException e) {
                    error("field '" + field + "' is not a known time zone: '" + text
                            + "'; use a region id such as Europe/Berlin");
                    return null;
                }
            }

            List<JsonNode> list(String field, boolean required) {
                JsonNode value = value(field, required);
                if (value == null) {
                    return null;
                }
                if (!value.isArray()) {
                    error("field '" + field + "' must be a list, got " + describe(value));
                    return null;
                }
                List<JsonNode> items = new ArrayList<>();
                value.forEach(items::add);
                return items;
            }

            /** An optional list of text values; empty when absent. */
            List<String> texts(String field) {
                List<JsonNode> items = list(field, false);
                if (items == null) {
                    return List.of();
                }
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    String item = field + "[" + i + "]";
                    if (items.get(i).isNull()) {
                        error("field '" + item + "' is empty");
                        continue;
                    }
                    String text = textValue(item, items.get(i), true);
                    if (text != null) {
                        texts.add(text);
                    }
                }
                return List.copyOf(texts);
            }

            /** A required ISO-8601 duration such as {@code PT10M}. */
            Duration duration(String field, boolean required) {
                String text = text(field, required);
                if (text == null) {
                    return null;
                }
                try {
                    Duration duration = Duration.parse(text);
                    if (duration.isNegative() || duration.isZero()) {
                        error("field '" + field + "' must be a positive duration, got '" + text + "'");
                        return null;
                    }
                    return duration;
                } catch (DateTimeParseException e) {
                    error("field '" + field + "' must be an ISO-8601 duration such as PT10M or PT1H30M, got '"
                            + text + "'");
                    return null;
                }
            }

            /**
             * A text that is a template: its {@code {placeholders}} must be the action layer's and its
             * {@code ${values}} the orchestrator's.
             */
            String template(String field, boolean required) {
                String text = text(field, required);
                return text == null ? null : checkTemplate(field, text);
            }

            private String checkTemplate(String field, String text) {
                Matcher settings = SETTING.matcher(text);
                Set<String> unknown = new LinkedHashSet<>();
                while (settings.find()) {
                    if (!Runbook.SETTINGS.contains(settings.group(1))) {
                        unknown.add(settings.group(1));
                    }
                }
                if (!unknown.isEmpty()) {
                    error("field '" + field + "' uses unknown value " + unknown.stream().map(n -> "${" + n + "}").toList()
                            + "; known values: " + new TreeSet<>(Runbook.SETTINGS).stream().map(n -> "${" + n + "}")
                            .toList());
                    return null;
                }
                try {
                    Placeholders.check(SETTING.matcher(text).replaceAll(""));
                } catch (InvalidActionException e) {
                    error("field '" + field + "': " + e.getMessage());
                    return null;
                }
                return text;
            }

            /** A command as an argument list of templates; null (with an error when required) if absent. */
            List<String> command(boolean required) {
                List<JsonNode> items = list("command", required);
                if (items == null) {
                    return null;
                }
                if (items.isEmpty()) {
                    error("field 'command' is empty; give the program and its arguments as a list");
                    return null;
                }
                List<String> arguments = new ArrayList<>();
                boolean valid = true;
                for (int i = 0; i < items.size(); i++) {
                    String item = "command[" + i + "]";
                    JsonNode value = items.get(i);
                    if (value.isNull() || !value.isValueNode()) {
                        error("field '" + item + "' must be a text value, got " + (value.isNull() ? "nothing"
                                : describe(value)));
                        valid = false;
                        continue;
                    }
                    String argument = checkTemplate(item, value.asText());
                    valid &= argument != null;
                    arguments.add(argument);
                }
                return valid ? arguments : null;
            }

            /** A step's or check's action: a command, an HTTP check or (when {@code sqlAllowed}) an SQL check. */
            ActionSpec action(boolean sqlAllowed) {
                List<String> kinds = new ArrayList<>(List.of("command", "http"));
                if (sqlAllowed) {
                    kinds.add("sql");
                }
                List<String> given = kinds.stream().filter(this::has).toList();
                if (given.size() != 1) {
                    error((given.isEmpty() ? "needs one of " : "needs only one of ") + String.join(", ", kinds)
                            + (given.isEmpty() ? "" : "; given: " + String.join(", ", given)));
                    return null;
                }
                try {
                    return switch (given.get(0)) {
                        case "command" -> commandSpec();
                        case "http" -> mapping("http", HTTP_FIELDS, Fields::http);
                        default -> mapping("sql", SQL_FIELDS, Fields::sql);
                    };
                } catch (InvalidActionException e) {
                    error(e.getMessage());
                    return null;
                }
            }

            private CommandSpec commandSpec() {
                List<String> command = command(true);
                String workingDirectory = template("workingDirectory", false);
                Duration timeout = duration("timeout", false);
                List<Integer> exitCodes = new ArrayList<>();
                List<JsonNode> codes = list("expectedExitCodes", false);
                if (codes != null) {
                    for (int i = 0; i < codes.size(); i++) {
                        Integer code = integerValue("expectedExitCodes[" + i + "]", codes.get(i), 0, 255);
                        if (code != null) {
                            exitCodes.add(code);
                        }
                    }
                }
                return command == null ? null
                        : new CommandSpec(command, workingDirectory, Map.of(), timeout, Set.copyOf(exitCodes));
            }

            HttpCheckSpec http() {
                String method = text("method", false);
                String url = template("url", true);
                Integer status = integer("expectedStatus", false, 100, 599);
                String bodyPattern = text("bodyPattern", false);
                Duration timeout = duration("timeout", false);
                if (url == null) {
                    return null;
                }
                try {
                    return new HttpCheckSpec(method, url, status == null ? 0 : status, bodyPattern, timeout);
                } catch (InvalidActionException e) {
                    error(e.getMessage());
                    return null;
                }
            }

            SqlCheckSpec sql() {
                String connection = text("connection", true);
                String query = template("query", true);
                String expectation = text("expectation", true);
                if (connection == null || query == null || expectation == null) {
                    return null;
                }
                try {
                    return new SqlCheckSpec(connection, query, expectation);
                } catch (InvalidActionException e) {
                    error(e.getMessage());
                    return null;
                }
            }

            /** How a configuration item is read: either {@code command} (with its options) or {@code file}. */
            ActionSpec configurationRead() {
                boolean command = has("command");
                if (command == has("file")) {
                    error("needs either 'command' or 'file', not both");
                    return null;
                }
                if (!command) {
                    List<String> options = Stream.of("workingDirectory", "timeout", "expectedExitCodes")
                            .filter(this::has).toList();
                    if (!options.isEmpty()) {
                        error("field(s) " + options + " belong to a 'command', not to a 'file'");
                        return null;
                    }
                    String path = template("file", true);
                    return path == null ? null : new FileReadSpec(path);
                }
                try {
                    return commandSpec();
                } catch (InvalidActionException e) {
                    error(e.getMessage());
                    return null;
                }
            }

            LogPattern logPattern() {
                String name = text("name", true);
                String regex = text("regex", true);
                Integer threshold = integer("threshold", false, 0, Integer.MAX_VALUE);
                if (name == null || regex == null) {
                    return null;
                }
                try {
                    return new LogPattern(name, regex, threshold == null ? 0 : threshold);
                } catch (InvalidActionException e) {
                    error(e.getMessage());
                    return null;
                }
            }

            /** An optional nested mapping; null when absent. */
            <T> T optionalMapping(String field, List<String> allowed, Function<Fields, T> build) {
                return has(field) ? mapping(field, allowed, build) : null;
            }

            /** A required nested mapping such as {@code sla}. */
            <T> T mapping(String field, List<String> allowed, Function<Fields, T> build) {
                JsonNode value = value(field, true);
                if (value == null) {
                    return null;
                }
                if (!value.isObject()) {
                    error("field '" + field + "' must be a mapping of fields, got " + describe(value));
                    return null;
                }
                return build.apply(new Fields(value, path + "." + field, path + "." + field, allowed));
            }

            /**
             * An optional list of mapping entries, each read by {@code build}; entry names are added to
             * {@code entryNames} (when given) in the same order as the returned elements.
             */
            <T> List<T> entries(String field, String labelField, List<String> allowed, Function<Fields, T> build,
                                List<String> entryNames) {
                List<JsonNode> items = list(field, false);
                if (items == null) {
                    return List.of();
                }
                List<T> result = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    Fields item = fields(items.get(i), path + "." + field + "[" + i + "]", labelField, allowed);
                    if (item != null) {
                        // null: the entry had errors, already reported
                        T built = build.apply(item);
                        if (built != null) {
                            result.add(built);
                            if (entryNames != null) {
                                entryNames.add(item.entry);
                            }
                        }
                    }
                }
                return List.copyOf(result);
            }
        }
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

    private static String abbreviated(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "… (" + value.length() + " characters)";
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isTextual() ? "'" + value.asText() + "'" : value.asText();
    }
}
