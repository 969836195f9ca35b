package io.upgradeorchestrator.inventory;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders version strings the way people read them: "3.10.2" is newer than "3.9", "16.4" newer than "15.6".
 * <p>
 * Versions are split into parts at '.', '-', '_' and '+'. Each part's leading digits compare as a number, the rest
 * compares lexically ("1.1.1k" &lt; "1.1.1w"); a missing part counts as "0", so "16" equals "16.0". A part without
 * leading digits sorts after any numeric part ("1.0.9" &lt; "1.0.beta"). A leading "v" ("v2.1") is ignored.
 * This ordering is inconsistent with {@link String#equals}: "16" and "16.0" compare as equal.
 */
public final class VersionComparator implements Comparator<String> {

    public static final VersionComparator INSTANCE = new VersionComparator();

    private static final Pattern SEPARATORS = Pattern.compile("[.\\-_+]");
    private static final Pattern LEADING_DIGITS = Pattern.compile("^(\\d*)(.*)$");

    private VersionComparator() {
    }

    /** True when {@code version} is {@code minimum} or newer. */
    public static boolean isAtLeast(String version, String minimum) {
        return INSTANCE.compare(version, minimum) >= 0;
    }

    @Override
    public int compare(String left, String right) {
        String[] leftParts = parts(left);
        String[] rightParts = parts(right);
        for (int i = 0; i < Math.max(leftParts.length, rightParts.length); i++) {
            int result = comparePart(part(leftParts, i), part(rightParts, i));
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    private static String[] parts(String version) {
        String trimmed = Objects.requireNonNull(version, "version").trim();
        if (trimmed.length() > 1 && (trimmed.charAt(0) == 'v' || trimmed.charAt(0) == 'V')
                && Character.isDigit(trimmed.charAt(1))) {
            trimmed = trimmed.substring(1);
        }
        return trimmed.isEmpty() ? new String[0] : SEPARATORS.split(trimmed);
    }

    private static String part(String[] parts, int index) {
        return index < parts.length ? parts[index] : "0";
    }

    private static int comparePart(String left, String right) {
        Matcher l = LEADING_DIGITS.matcher(left);
        Matcher r = LEADING_DIGITS.matcher(right);
        l.matches();
        r.matches();
        boolean leftNumeric = !l.group(1).isEmpty();
        boolean rightNumeric = !r.group(1).isEmpty();
        if (leftNumeric && rightNumeric) {
            int byNumber = new BigInteger(l.group(1)).compareTo(new BigInteger(r.group(1)));
            return byNumber != 0 ? byNumber : l.group(2).compareTo(r.group(2));
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right);
    }
}
