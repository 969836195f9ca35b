package io.upgradeorchestrator.action;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fixed set of values a runbook template may use. They come from the inventory and the upgrade's own
 * state, never from free text typed into a form. Any of them may be {@code null} when not relevant; using a
 * placeholder whose value is {@code null} is an error.
 */
public record ActionContext(String upgradeId, String systemId, String node, String host, String currentVersion,
                            String targetVersion, String backupLocation, Instant since) {

    /** Placeholder name → value, in the order of the record's components. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("upgradeId", upgradeId);
        values.put("systemId", systemId);
        values.put("node", node);
        values.put("host", host);
        values.put("currentVersion", currentVersion);
        values.put("targetVersion", targetVersion);
        values.put("backupLocation", backupLocation);
        values.put("since", since == null ? null : since.toString());
        return values;
    }
}
