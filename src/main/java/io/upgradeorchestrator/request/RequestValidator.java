package io.upgradeorchestrator.request;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.VersionComparator;
import io.upgradeorchestrator.inventory.Versions;

/**
 * The one set of rules a request must pass, used by the API before anything starts and by the process itself
 * (Tasklist's form validation runs only in the browser).
 */
@Component
public class RequestValidator {

    static final int PURPOSE_MIN_LENGTH = 10;
    static final int TEXT_MAX_LENGTH = 2000;
    static final int URL_MAX_LENGTH = 500;

    private final InventoryService inventory;
    private final Clock clock;

    public RequestValidator(InventoryService inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    /** Either the validated request or every problem found; never both. */
    public record Result(ValidatedRequest request, List<FieldProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }

        public String problemsText() {
            return problems.stream().map(FieldProblem::toString).collect(Collectors.joining("\n"));
        }
    }

    public Result validate(UpgradeRequest request) {
        List<FieldProblem> problems = new ArrayList<>();

        InventorySystem system = null;
        if (isBlank(request.systemId())) {
            problems.add(new FieldProblem("systemId", "is required"));
        } else {
            system = inventory.findById(request.systemId().trim()).orElse(null);
            if (system == null) {
                problems.add(new FieldProblem("systemId", "unknown system '" + request.systemId()
                        + "'; known systems: " + knownSystemIds()));
            }
        }

        String currentVersion = system == null ? null : currentVersion(system);
        if (isBlank(request.targetVersion())) {
            problems.add(new FieldProblem("targetVersion", "is required"));
        } else if (!Versions.isValid(request.targetVersion().trim())) {
            problems.add(new FieldProblem("targetVersion", "must be a version of " + Versions.RULE));
        } else if (system != null && allProductionNodesRun(system, request.targetVersion().trim())) {
            problems.add(new FieldProblem("targetVersion", "every production node of " + system.id()
                    + " already runs " + request.targetVersion().trim()));
        }

        Reason reason = parseEnum(Reason.class, request.reason(), "reason", true, problems);
        Severity severity = parseEnum(Severity.class, request.severity(), "severity", false, problems);

        if (isBlank(request.purpose())) {
            problems.add(new FieldProblem("purpose", "is required: say in practical terms what the upgrade must achieve"));
        } else if (request.purpose().trim().length() < PURPOSE_MIN_LENGTH) {
            problems.add(new FieldProblem("purpose", "is too short (at least " + PURPOSE_MIN_LENGTH
                    + " characters, e.g. 'fix authentication vulnerability')"));
        } else if (request.purpose().length() > TEXT_MAX_LENGTH) {
            problems.add(new FieldProblem("purpose", "is longer than " + TEXT_MAX_LENGTH + " characters"));
        }

        Instant start = null;
        Instant end = null;
        if (request.window() == null) {
            problems.add(new FieldProblem("window", "is required: {\"start\": ..., \"end\": ...} as ISO-8601 instants"));
        } else {
            RequestedWindow window = RequestedWindow.check(request.window().start(), request.window().end(),
                    clock.instant(), problems);
            if (window != null) {
                start = window.start();
                end = window.end();
            }
        }

        boolean dataMigration = Boolean.TRUE.equals(request.dataMigration());
        if (dataMigration && request.migrationReversible() == null) {
            problems.add(new FieldProblem("migrationReversible",
                    "is required when dataMigration is true: can the migration be reversed without restoring the backup?"));
        }

        String releaseNotesUrl = isBlank(request.releaseNotesUrl()) ? null : request.releaseNotesUrl().trim();
        if (releaseNotesUrl != null && releaseNotesUrl.length() > URL_MAX_LENGTH) {
            problems.add(new FieldProblem("releaseNotesUrl", "is longer than " + URL_MAX_LENGTH + " characters"));
        } else if (releaseNotesUrl != null && !isHttpUrl(releaseNotesUrl)) {
            problems.add(new FieldProblem("releaseNotesUrl", "must be an http(s) URL"));
        }

        if (!problems.isEmpty()) {
            return new Result(null, List.copyOf(problems));
        }
        return new Result(new ValidatedRequest(system, currentVersion, request.targetVersion().trim(), reason, severity,
                request.purpose().trim(), start, end, dataMigration,
                !dataMigration || Boolean.TRUE.equals(request.migrationReversible()), releaseNotesUrl), List.of());
    }

    /** The production versions, oldest first: "15.6" or, where nodes drifted apart, "15.5, 15.10" (not by spelling). */
    public static String currentVersion(InventorySystem system) {
        return system.nodesIn(Environment.PRODUCTION).stream().map(Node::version).distinct()
                .sorted(VersionComparator.INSTANCE)
                .collect(Collectors.joining(", "));
    }

    private static boolean allProductionNodesRun(InventorySystem system, String version) {
        List<Node> production = system.nodesIn(Environment.PRODUCTION);
        return !production.isEmpty() && production.stream().allMatch(node -> VersionComparator.INSTANCE.compare(node.version(), version) == 0);
    }

    private String knownSystemIds() {
        return inventory.findAll().stream().map(InventorySystem::id).collect(Collectors.joining(", "));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field, boolean required,
                                                   List<FieldProblem> problems) {
        if (isBlank(value)) {
            if (required) {
                problems.add(new FieldProblem(field, "is required; one of " + allowed(type)));
            }
            return null;
        }
        Optional<E> parsed = Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(value.trim())).findFirst();
        if (parsed.isEmpty()) {
            problems.add(new FieldProblem(field, "unknown value '" + value + "'; one of " + allowed(type)));
            return null;
        }
        return parsed.get();
    }

    private static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
