package io.upgradeorchestrator.inventory;

import java.util.regex.Pattern;

/**
 * What a version may look like, wherever one comes from: the inventory (nodes, components, releases, requirements)
 * and the API's {@code targetVersion}. Versions become command arguments of runbooks and parts of file names, so
 * they have the characters versions have and nothing else: {@code 16.4}, {@code 1.1.1k}, {@code 2025-03},
 * {@code 3.2.1-lts}, {@code 2.4.0-rc1+build.7}, {@code 2.3~deb12}; {@code 15.5; rm -rf /} is refused.
 */
public final class Versions {

    public static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+~-]{0,63}");

    /** For messages: what is allowed. */
    public static final String RULE = "1 to 64 letters, digits, '.', '_', '+', '~' or '-', starting with a letter or "
            + "digit (e.g. 16.4 or 3.2.1-lts)";

    private Versions() {
    }

    public static boolean isValid(String version) {
        return version != null && VERSION.matcher(version).matches();
    }
}
