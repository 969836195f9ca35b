package io.upgradeorchestrator.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

import io.upgradeorchestrator.action.ActionSpec;
import io.upgradeorchestrator.action.CommandSpec;
import io.upgradeorchestrator.action.FileReadSpec;
import io.upgradeorchestrator.action.HttpCheckSpec;
import io.upgradeorchestrator.action.LogPattern;
import io.upgradeorchestrator.action.SqlCheckSpec;

/**
 * A runbook as JSON in the same shape as the inventory YAML, for the {@code inv_runbook} table. It is read back by
 * the inventory's own parser ({@link InventoryReader#runbookFromJson}), so there is one definition of the format.
 */
final class RunbookJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunbookJson() {
    }

    static String write(Runbook runbook) {
        ObjectNode root = JSON.createObjectNode();
        root.put("demoTarget", runbook.demoTarget());
        runbook.steps().forEach((name, step) -> {
            ObjectNode node = action(root.putObject(name), step.action());
            node.put("estimate", step.estimate().toString());
        });
        ArrayNode checks = root.putArray("acceptanceChecks");
        for (Runbook.AcceptanceCheck check : runbook.acceptanceChecks()) {
            ObjectNode node = checks.addObject().put("name", check.name()).put("priority", check.priority().name());
            action(node, check.action());
        }
        ArrayNode probes = root.putArray("monitoringProbes");
        for (Runbook.MonitoringProbe probe : runbook.monitoringProbes()) {
            ObjectNode node = probes.addObject().put("name", probe.name());
            http(node.putObject("http"), probe.check());
            node.put("maxLatencyMillis", probe.maxLatencyMillis());
            node.put("maxErrorRatePercent", probe.maxErrorRatePercent());
        }
        ArrayNode logSources = root.putArray("logSources");
        for (Runbook.LogSource source : runbook.logSources()) {
            ObjectNode node = logSources.addObject().put("name", source.name());
            if (source.scan().file() != null) {
                node.put("file", source.scan().file());
            } else {
                strings(node.putArray("command"), source.scan().command());
            }
            ArrayNode patterns = node.putArray("patterns");
            for (LogPattern pattern : source.scan().patterns()) {
                patterns.addObject().put("name", pattern.name()).put("regex", pattern.regex())
                        .put("threshold", pattern.threshold());
            }
        }
        Runbook.Estimates estimates = runbook.estimates();
        root.putObject("estimates")
                .put("preparation", estimates.preparation().toString())
                .put("verification", estimates.verification().toString())
                .put("repairBuffer", estimates.repairBuffer().toString())
                .put("rollbackDecision", estimates.rollbackDecision().toString());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a runbook as JSON", e);
        }
    }

    /** A configuration item's {@code read} in its YAML shape: {@code command} and its options, or {@code file}. */
    static String writeRead(ActionSpec read) {
        ObjectNode node = read instanceof FileReadSpec file ? JSON.createObjectNode().put("file", file.file())
                : action(JSON.createObjectNode(), read);
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a configuration read as JSON", e);
        }
    }

    private static ObjectNode action(ObjectNode node, ActionSpec action) {
        if (action instanceof CommandSpec command) {
            strings(node.putArray("command"), command.command());
            if (command.workingDirectory() != null) {
                node.put("workingDirectory", command.workingDirectory());
            }
            putDuration(node, "timeout", command.timeout());
            ArrayNode codes = node.putArray("expectedExitCodes");
            command.expectedExitCodes().stream().sorted().forEach(codes::add);
        } else if (action instanceof HttpCheckSpec http) {
            http(node.putObject("http"), http);
        } else if (action instanceof SqlCheckSpec sql) {
            node.putObject("sql").put("connection", sql.connection()).put("query", sql.query())
                    .put("expectation", sql.expectation());
        } else {
            throw new IllegalArgumentException("A runbook step cannot be a " + action.kind());
        }
        return node;
    }

    private static void http(ObjectNode node, HttpCheckSpec http) {
        node.put("method", http.method()).put("url", http.url()).put("expectedStatus", http.expectedStatus());
        if (http.bodyPattern() != null) {
            node.put("bodyPattern", http.bodyPattern());
        }
        putDuration(node, "timeout", http.timeout());
    }

    private static void putDuration(ObjectNode node, String field, Duration duration) {
        if (duration != null) {
            node.put(field, duration.toString());
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
