package io.upgradeorchestrator.inventory;

import java.util.Comparator;
import java.util.Objects;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * The one ordering of versions in the product (inventory, compatibility, request, waves): Maven's
 * {@link ComparableVersion}, which reads versions as people do. "15.10" is newer than "15.5", "1.1.1w" newer than
 * "1.1.1k", and a pre-release comes before its release: {@code 2.4.0-alpha < 2.4.0-beta < 2.4.0-rc1 <
 * 2.4.0-SNAPSHOT < 2.4.0 < 2.4.0-sp1 < 2.4.0-hotfix2}. Trailing zeros do not count ("16" equals
 * "16.0"), nor do leading zeros ("2024.03" equals "2024.3").
 * <p>
 * Two habits of the field are read first: a leading "v" ("v2.1") is dropped, and build metadata after '+'
 * ("2.4.0-rc1+build.7") is ignored, as Semantic Versioning says. This ordering is inconsistent with
 * {@link String#equals}: "16" and "16.0" compare as equal.
 */
public final class VersionComparator implements Comparator<String> {

    public static final VersionComparator INSTANCE = new VersionComparator();

    private VersionComparator() {
    }

    /** True when {@code version} is {@code minimum} or newer: a release candidate of the minimum is not. */
    public static boolean isAtLeast(String version, String minimum) {
        return INSTANCE.compare(version, minimum) >= 0;
    }

    @Override
    public int compare(String left, String right) {
        return parse(left).compareTo(parse(right));
    }

    static ComparableVersion parse(String version) {
        String trimmed = Objects.requireNonNull(version, "version").trim();
        if (trimmed.length() > 1 && (trimmed.charAt(0) == 'v' || trimmed.charAt(0) == 'V')
                && Character.isDigit(trimmed.charAt(1))) {
            trimmed = trimmed.substring(1);
        }
        int build = trimmed.indexOf('+');
        return new ComparableVersion(build < 0 ? trimmed : trimmed.substring(0, build));
    }
}
