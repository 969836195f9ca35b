package io.upgradeorchestrator.action;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces secret values by {@code ****} in everything an action stores or returns. */
final class Masker {

    static final String MASK = "****";

    /** Shorter prefixes of a secret cut off at the end of bounded output are too common to mask. */
    private static final int MIN_TAIL_PREFIX = 3;

    private final List<String> secrets;

    private Masker(List<String> secrets) {
        this.secrets = secrets;
    }

    static Masker of(Collection<String> secrets) {
        // longest first, so a secret containing another is masked whole
        return new Masker(secrets.stream().filter(Objects::nonNull).filter(s -> !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** Environment variables whose names say they hold a secret. */
    static boolean isSecretName(String variableName) {
        String name = variableName.toUpperCase(Locale.ROOT);
        return name.contains("PASSWORD") || name.contains("SECRET") || name.contains("TOKEN");
    }

    /**
     * A setting whose name says it holds a secret ({@code api_key=…}, {@code password: …}, {@code "token": "…"}), one
     * per line: its value is not known beforehand, so it is found by its name.
     */
    private static final Pattern SECRET_SETTING = Pattern.compile(
            "^(\\s*[\"']?[A-Za-z0-9_.\\-]*?(?:password|passwd|secret|token|credential|api[_.-]?key|private[_.-]?key"
                    + "|(?<![A-Za-z0-9])key(?![A-Za-z]))[A-Za-z0-9_.\\-]*[\"']?\\s*[=:]\\s*)(\\S.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    /** Replaces the values of secret-named settings by {@code ****}; names and everything else stay readable. */
    static String maskSecretSettings(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return SECRET_SETTING.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }

    static List<String> secretValues(Map<String, String> environment) {
        return environment.entrySet().stream().filter(e -> isSecretName(e.getKey())).map(Map.Entry::getValue).toList();
    }

    String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return maskCutOffTail(masked);
    }

    /** Bounded output may end in the middle of a secret; hide that beginning too. */
    private String maskCutOffTail(String text) {
        for (String secret : secrets) {
            for (int length = secret.length() - 1; length >= MIN_TAIL_PREFIX; length--) {
                if (text.endsWith(secret.substring(0, length))) {
                    return text.substring(0, text.length() - length) + MASK;
                }
            }
        }
        return text;
    }
}
