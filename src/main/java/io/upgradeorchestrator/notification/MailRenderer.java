package io.upgradeorchestrator.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail template from {@code templates/mail/} into subject, HTML and plain text.
 *
 * <p>The engine and its resolver are private to this class on purpose: a resolver registered as a Spring bean
 * would be picked up by Spring Boot's web Thymeleaf engine as well.
 *
 * <p>Model values are prepared so templates stay simple: null or blank values are left out (a template shows a
 * line only {@code th:if} the value is there), text with several lines and collections become a list of lines
 * (render them with {@code th:each}), and date-times become readable text.
 */
class MailRenderer {

    static final String TEMPLATE_FOLDER = "templates/mail/";

    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ZONED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);
    private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    private final SpringTemplateEngine engine;
    private final String baseUrl;

    MailRenderer(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailRenderer.class.getClassLoader());
        resolver.setPrefix(TEMPLATE_FOLDER);
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        this.engine = new SpringTemplateEngine();
        this.engine.setTemplateResolver(resolver);
    }

    RenderedMail render(String template, Map<String, Object> model) {
        Context context = new Context(Locale.ENGLISH, prepare(model));
        context.setVariable("baseUrl", baseUrl);
        String html;
        try {
            html = engine.process(template, context);
        } catch (TemplateEngineException e) {
            // The most specific cause names the failed check, e.g. "Assertion '${upgradeId}' not valid".
            String detail = NestedExceptionUtils.getMostSpecificCause(e).getMessage();
            throw new IllegalArgumentException("Cannot render mail template '" + template + "' ("
                    + TEMPLATE_FOLDER + template + ".html): " + e.getMessage()
                    + (detail.equals(e.getMessage()) ? "" : ": " + detail), e);
        }
        return new RenderedMail(subjectOf(template, html), html, HtmlToText.convert(html));
    }

    private static String subjectOf(String template, String html) {
        Matcher title = TITLE.matcher(html);
        String subject = title.find() ? HtmlUtils.htmlUnescape(title.group(1)).replaceAll("\\s+", " ").strip() : "";
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("Mail template '" + template
                    + "' has no subject: give it a non-empty <title>");
        }
        return subject;
    }

    private static Map<String, Object> prepare(Map<String, Object> model) {
        Map<String, Object> prepared = new LinkedHashMap<>();
        model.forEach((key, value) -> {
            Object readable = readable(value);
            if (readable != null) {
                prepared.put(key, readable);
            }
        });
        return prepared;
    }

    private static Object readable(Object value) {
        if (value instanceof String text) {
            return lines(List.of(text));
        }
        if (value instanceof Collection<?> items) {
            List<String> texts = new ArrayList<>();
            for (Object item : items) {
                Object readable = readable(item);
                if (readable instanceof List<?> itemLines) {
                    itemLines.forEach(line -> texts.add(String.valueOf(line)));
                } else if (readable != null) {
                    texts.add(String.valueOf(readable));
                }
            }
            return lines(texts);
        }
        if (value instanceof Instant instant) {
            return UTC_TIME.format(instant);
        }
        if (value instanceof ZonedDateTime time) {
            return ZONED_TIME.format(time);
        }
        if (value instanceof OffsetDateTime time) {
            return OFFSET_TIME.format(time);
        }
        return value;
    }

    /** Null when nothing is left, the single line as a String, or the list of non-blank lines. */
    private static Object lines(List<String> texts) {
        List<String> lines = texts.stream()
                .flatMap(String::lines)
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        return switch (lines.size()) {
            case 0 -> null;
            case 1 -> lines.get(0);
            default -> lines;
        };
    }

    record RenderedMail(String subject, String html, String text) {
    }
}
