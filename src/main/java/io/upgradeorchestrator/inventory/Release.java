package io.upgradeorchestrator.inventory;

import java.util.List;

/**
 * A version the system can be upgraded to, with what it requires of the components around it (from its release
 * notes), and whether old and new versions may run side by side for a while.
 */
public record Release(String version, String releaseNotesUrl, boolean mixedVersionSupported,
                      List<Requirement> requirements) {

    /** The target version needs component {@code component} in {@code area} at {@code minimumVersion} or later. */
    public record Requirement(Area area, String component, String minimumVersion) {
    }
}
