package io.upgradeorchestrator.monitoring;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads {@code baselineProbes}: a JSON list of {name, latencyMillis, errorRatePercent}. */
final class BaselineProbes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BaselineProbes() {
    }

    /** The probes, or an empty list when there is no baseline. */
    static List<BaselineProbe> parse(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("baselineProbes is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("baselineProbes must be a JSON list of {name, latencyMillis,"
                    + " errorRatePercent}, is: " + json);
        }
        List<BaselineProbe> probes = new ArrayList<>();
        for (JsonNode probe : root) {
            String name = probe.path("name").asText(null);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("baselineProbes has an entry without a name: " + probe);
            }
            probes.add(new BaselineProbe(name,
                    probe.hasNonNull("latencyMillis") ? probe.get("latencyMillis").asLong() : null,
                    probe.hasNonNull("errorRatePercent") ? probe.get("errorRatePercent").asDouble() : null));
        }
        return List.copyOf(probes);
    }
}
