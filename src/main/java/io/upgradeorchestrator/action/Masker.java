package io.upgradeorchestrator.action;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
