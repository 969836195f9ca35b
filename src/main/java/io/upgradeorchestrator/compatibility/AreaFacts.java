package io.upgradeorchestrator.compatibility;

import java.util.HashMap;
import java.util.Map;

import io.upgradeorchestrator.inventory.Area;

/**
 * What is known about one requirement of the target version in one area: the inputs of the
 * compatibilityVerdict decision, and the details a reviewer wants to read beside the verdict.
 */
record AreaFacts(Area area, boolean releaseKnown, boolean requirementStated, Boolean componentFound,
                 Boolean versionSatisfied, boolean versionDrift, boolean mixedVersionSupported, String detail) {

    Map<String, Object> decisionInputs() {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("area", area.name());
        inputs.put("releaseKnown", releaseKnown);
        inputs.put("requirementStated", requirementStated);
        inputs.put("componentFound", componentFound);
        inputs.put("versionSatisfied", versionSatisfied);
        inputs.put("versionDrift", versionDrift);
        inputs.put("mixedVersionSupported", mixedVersionSupported);
        return inputs;
    }
}
