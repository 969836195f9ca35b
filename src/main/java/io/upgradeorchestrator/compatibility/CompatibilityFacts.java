package io.upgradeorchestrator.compatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.upgradeorchestrator.inventory.Area;
import io.upgradeorchestrator.inventory.Component;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Release;
import io.upgradeorchestrator.inventory.VersionComparator;

/**
 * Lines up the target version's requirements (from the inventory's release catalogue) with the system's
 * components, area by area. Every area yields at least one set of facts, so none is skipped silently.
 */
final class CompatibilityFacts {

    private CompatibilityFacts() {
    }

    static List<AreaFacts> of(InventorySystem system, String targetVersion, boolean versionDrift) {
        Optional<Release> release = system.releases().stream()
                .filter(candidate -> VersionComparator.INSTANCE.compare(candidate.version(), targetVersion) == 0)
                .findFirst();
        boolean mixedVersion = release.map(Release::mixedVersionSupported).orElse(false);
        List<AreaFacts> facts = new ArrayList<>();
        for (Area area : Area.values()) {
            if (release.isEmpty()) {
                facts.add(new AreaFacts(area, false, false, null, null, versionDrift, false,
                        targetVersion + " is not in the release catalogue of " + system.id()));
                continue;
            }
            List<Release.Requirement> requirements = release.get().requirements().stream()
                    .filter(requirement -> requirement.area() == area).toList();
            if (requirements.isEmpty()) {
                facts.add(new AreaFacts(area, true, false, null, null, versionDrift, mixedVersion,
                        "no requirement stated"));
            }
            for (Release.Requirement requirement : requirements) {
                Optional<Component> component = system.components().stream()
                        .filter(c -> c.area() == area && c.name().equalsIgnoreCase(requirement.component())).findFirst();
                Boolean satisfied = component
                        .map(c -> VersionComparator.isAtLeast(c.version(), requirement.minimumVersion())).orElse(null);
                String detail = requirement.component() + " " + requirement.minimumVersion() + " or later required; "
                        + component.map(c -> "inventory has " + c.version()).orElse("not in the inventory");
                facts.add(new AreaFacts(area, true, true, component.isPresent(), satisfied, versionDrift,
                        mixedVersion, detail));
            }
        }
        return facts;
    }
}
