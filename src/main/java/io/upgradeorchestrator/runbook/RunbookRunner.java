package io.upgradeorchestrator.runbook;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionRequest;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.action.ActionRunner;
import io.upgradeorchestrator.action.ActionSpec;
import io.upgradeorchestrator.action.CommandSpec;
import io.upgradeorchestrator.action.FileReadSpec;
import io.upgradeorchestrator.action.HttpCheckSpec;
import io.upgradeorchestrator.action.InvalidActionException;
import io.upgradeorchestrator.action.LogScanSpec;
import io.upgradeorchestrator.action.SqlCheckSpec;
import io.upgradeorchestrator.demotarget.DemoTarget;
import io.upgradeorchestrator.inventory.Runbook;

/**
 * Runs runbook actions through the {@link ActionRunner}: fills the orchestrator's own values
 * ({@code ${demoTargetRoot}}, {@code ${demoTargetUrl}}, {@code ${restoreDirectory}}) and leaves the upgrade's
 * placeholders ({@code {node}} …) to the action layer. Every run has an idempotency key, so a retried job is
 * answered from the record of a step that already ran.
 */
@Service
public class RunbookRunner {

    private static final Pattern SETTING = Pattern.compile("\\$\\{([^}]*)}");

    private final ActionRunner actions;
    private final DemoTarget demoTarget;

    RunbookRunner(ActionRunner actions, DemoTarget demoTarget) {
        this.actions = actions;
        this.demoTarget = demoTarget;
    }

    /**
     * Runs one action.
     *
     * @param key              idempotency key: the same key for a retry of the same effect, a new one for a new effect
     * @param actionName       the runbook entry, e.g. {@code backup} or {@code acceptance: Invoices readable}
     * @param restoreDirectory where a restore unpacks to, or {@code null} when the action does not restore
     */
    public ActionResult run(String key, String actionName, ActionSpec spec, ActionContext context,
                            Path restoreDirectory) {
        Map<String, String> values = new HashMap<>();
        values.put("demoTargetRoot", demoTarget.root().toString());
        values.put("demoTargetUrl", demoTarget.url());
        values.put("restoreDirectory", restoreDirectory == null ? null
                : restoreDirectory.toAbsolutePath().normalize().toString());
        ActionSpec filled = fill(spec, values);
        String target = context.node() != null ? context.node() : context.systemId();
        return actions.run(new ActionRequest(key, context.upgradeId(), target, actionName, filled, context, null));
    }

    static ActionSpec fill(ActionSpec spec, Map<String, String> values) {
        if (spec instanceof CommandSpec command) {
            Map<String, String> environment = new LinkedHashMap<>();
            command.environment().forEach((name, value) -> environment.put(name, fill(value, values)));
            return new CommandSpec(command.command().stream().map(argument -> fill(argument, values)).toList(),
                    fill(command.workingDirectory(), values), environment, command.timeout(),
                    command.expectedExitCodes());
        }
        if (spec instanceof HttpCheckSpec http) {
            return new HttpCheckSpec(http.method(), fill(http.url(), values), http.expectedStatus(), http.bodyPattern(),
                    http.timeout());
        }
        if (spec instanceof SqlCheckSpec sql) {
            return new SqlCheckSpec(sql.connection(), fill(sql.query(), values), sql.expectation());
        }
        if (spec instanceof FileReadSpec read) {
            return new FileReadSpec(fill(read.file(), values));
        }
        LogScanSpec scan = (LogScanSpec) spec;
        return new LogScanSpec(fill(scan.file(), values),
                scan.command() == null ? null : scan.command().stream().map(argument -> fill(argument, values)).toList(),
                scan.patterns());
    }

    private static String fill(String template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        Matcher matcher = SETTING.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!Runbook.SETTINGS.contains(name)) {
                throw new InvalidActionException("unknown value ${" + name + "} in '" + template + "'; known values: "
                        + Runbook.SETTINGS);
            }
            String value = values.get(name);
            if (value == null) {
                throw new InvalidActionException("value ${" + name + "} in '" + template + "' has no value for this run");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
