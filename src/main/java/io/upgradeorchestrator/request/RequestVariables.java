package io.upgradeorchestrator.request;

import static io.upgradeorchestrator.variables.UpgradeVariables.DATA_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.MIGRATION_REVERSIBLE;
import static io.upgradeorchestrator.variables.UpgradeVariables.PURPOSE;
import static io.upgradeorchestrator.variables.UpgradeVariables.REASON;
import static io.upgradeorchestrator.variables.UpgradeVariables.RELEASE_NOTES_URL;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUESTED_WINDOW_END;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUESTED_WINDOW_START;
import static io.upgradeorchestrator.variables.UpgradeVariables.SEVERITY;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;

import io.upgradeorchestrator.variables.Var;

/** Moves a request between its API form, its process variables (the start form's fields) and back. */
public final class RequestVariables {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private RequestVariables() {
    }

    /** The request's fields: the only variables an upgrade may be started with by a client. */
    public static final java.util.Set<String> START_VARIABLES = java.util.Set.of(SYSTEM_ID.name(), TARGET_VERSION.name(),
            REASON.name(), SEVERITY.name(), PURPOSE.name(), REQUESTED_WINDOW_START.name(), REQUESTED_WINDOW_END.name(),
            DATA_MIGRATION.name(), MIGRATION_REVERSIBLE.name(), RELEASE_NOTES_URL.name());

    /** The variables a process starts with; the same names the start form uses. */
    public static Map<String, Object> toVariables(UpgradeRequest request) {
        Map<String, Object> variables = new HashMap<>();
        put(variables, SYSTEM_ID, trim(request.systemId()));
        put(variables, TARGET_VERSION, trim(request.targetVersion()));
        put(variables, REASON, trim(request.reason()));
        put(variables, SEVERITY, trim(request.severity()));
        put(variables, PURPOSE, trim(request.purpose()));
        put(variables, REQUESTED_WINDOW_START, request.window() == null ? null : trim(request.window().start()));
        put(variables, REQUESTED_WINDOW_END, request.window() == null ? null : trim(request.window().end()));
        put(variables, DATA_MIGRATION, Boolean.TRUE.equals(request.dataMigration()));
        put(variables, MIGRATION_REVERSIBLE, request.migrationReversible());
        put(variables, RELEASE_NOTES_URL, trim(request.releaseNotesUrl()));
        return variables;
    }

    /** The request as the process holds it now (after a correction or a revision, too). */
    public static UpgradeRequest fromVariables(VariableScope scope) {
        return new UpgradeRequest(SYSTEM_ID.get(scope), TARGET_VERSION.get(scope), REASON.get(scope),
                emptyToNull(SEVERITY.get(scope)), PURPOSE.get(scope),
                new UpgradeRequest.Window(REQUESTED_WINDOW_START.get(scope), REQUESTED_WINDOW_END.get(scope)),
                DATA_MIGRATION.get(scope), MIGRATION_REVERSIBLE.get(scope), RELEASE_NOTES_URL.get(scope));
    }

    public static String readable(Date start, Date end) {
        return READABLE.format(start.toInstant()) + " – " + READABLE.format(end.toInstant());
    }

    private static <T> void put(Map<String, Object> variables, Var<T> variable, T value) {
        variables.put(variable.name(), variable.typed(value));
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
