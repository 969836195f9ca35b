package io.upgradeorchestrator.action;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {name}} placeholders in runbook templates from an {@link ActionContext}.
 *
 * <p>A value replaces text inside one string and is never parsed again: in a command it stays inside the one
 * argument it was written in (no splitting, no shell), in a URL it is percent-encoded, in SQL it becomes a bind
 * parameter. Regular expressions (body and log patterns) are not templates, so {@code \d{3}} means what it says.
 * Only {@code {identifier}} is a placeholder; other braces are left alone.
 */
public final class Placeholders {

    /** The names a template may use. */
    public static final Set<String> NAMES = Collections.unmodifiableSet(new LinkedHashSet<>(
            new ActionContext(null, null, null, null, null, null, null, null).values().keySet()));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private Placeholders() {
    }

    /** Checks that a template only uses known placeholders; for validating runbooks when they are loaded. */
    public static void check(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template == null ? "" : template);
        while (matcher.find()) {
            requireKnown(matcher.group(1), template);
        }
    }

    /** Returns the spec with every template field filled. */
    public static ActionSpec fill(ActionSpec spec, ActionContext context) {
        Map<String, String> values = context.values();
        UnaryOperator<String> text = template -> fill(template, values, UnaryOperator.identity());
        if (spec instanceof CommandSpec command) {
            Map<String, String> environment = new LinkedHashMap<>();
            command.environment().forEach((name, value) -> environment.put(name, text.apply(value)));
            return new CommandSpec(command.command().stream().map(text).toList(), text.apply(command.workingDirectory()),
                    environment, command.timeout(), command.expectedExitCodes());
        }
        if (spec instanceof HttpCheckSpec http) {
            String url = fill(http.url(), values, Placeholders::encodeForUrl);
            return new HttpCheckSpec(http.method(), url, http.expectedStatus(), http.bodyPattern(), http.timeout());
        }
        if (spec instanceof SqlCheckSpec sql) {
            bind(sql.query(), context); // the query keeps its placeholders until it is bound; fail early here
            return sql;
        }
        if (spec instanceof FileReadSpec read) {
            return new FileReadSpec(text.apply(read.file()));
        }
        LogScanSpec scan = (LogScanSpec) spec;
        return new LogScanSpec(text.apply(scan.file()),
                scan.command() == null ? null : scan.command().stream().map(text).toList(), scan.patterns());
    }

    /** Fills one string. */
    public static String fill(String template, ActionContext context) {
        return fill(template, context.values(), UnaryOperator.identity());
    }

    /** A query with its placeholders turned into {@code ?} and the values to bind, in order. */
    record BoundQuery(String sql, List<String> parameters) {
    }

    static BoundQuery bind(String query, ActionContext context) {
        Map<String, String> values = context.values();
        List<String> parameters = new ArrayList<>();
        String sql = fill(query, values, value -> {
            parameters.add(value);
            return "?";
        });
        return new BoundQuery(sql, List.copyOf(parameters));
    }

    private static String fill(String template, Map<String, String> values, UnaryOperator<String> encode) {
        if (template == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            requireKnown(name, template);
            String value = values.get(name);
            if (value == null) {
                throw new InvalidActionException("placeholder {" + name + "} in '" + template + "' has no value for this run");
            }
            // quoteReplacement: '$' and '\' in a value are literal text, not group references
            matcher.appendReplacement(filled, Matcher.quoteReplacement(encode.apply(value)));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static void requireKnown(String name, String template) {
        if (!NAMES.contains(name)) {
            throw new InvalidActionException("unknown placeholder {" + name + "} in '" + template
                    + "'; known placeholders: " + NAMES.stream().map(n -> "{" + n + "}").toList());
        }
    }

    private static String encodeForUrl(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
