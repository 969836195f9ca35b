package io.upgradeorchestrator.notification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Turns the rendered HTML of a mail template into the plain-text alternative, so process owners maintain one
 * template per mail instead of an HTML and a text file that drift apart. It is made for the simple markup of
 * our mail templates (headings, paragraphs, lists, tables, links), not for arbitrary web pages.
 */
final class HtmlToText {

    private static final Pattern DROPPED = Pattern.compile(
            "<!--.*?-->|<head\\b.*?</head>|<style\\b.*?</style>|<script\\b.*?</script>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile(
            "<a\\b[^>]*?href\\s*=\\s*\"([^\"]*)\"[^>]*>(.*?)</a>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private HtmlToText() {
    }

    static String convert(String html) {
        String text = DROPPED.matcher(html).replaceAll("");
        // Source indentation means nothing; only the markup decides where lines break.
        text = text.replaceAll("\\s+", " ");
        text = replaceLinks(text);
        text = text.replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)<li\\b[^>]*>", "\n- ")
                .replaceAll("(?i)</t[hd]>\\s*<td\\b[^>]*>", ": ")
                .replaceAll("(?i)<tr\\b[^>]*>", "\n")
                .replaceAll("(?i)</?(p|div|h[1-6]|ul|ol|table)\\b[^>]*>", "\n\n");
        text = TAG.matcher(text).replaceAll("");
        text = HtmlUtils.htmlUnescape(text);
        return tidy(text);
    }

    /** A link becomes "text <url>" (or just the url when the text is the url): the address must survive. */
    private static String replaceLinks(String html) {
        Matcher link = LINK.matcher(html);
        StringBuilder out = new StringBuilder();
        while (link.find()) {
            String url = HtmlUtils.htmlUnescape(link.group(1));
            String label = TAG.matcher(link.group(2)).replaceAll("").strip();
            String replacement = label.isEmpty() || HtmlUtils.htmlUnescape(label).equals(url)
                    ? url : label + " <" + url + ">";
            link.appendReplacement(out, Matcher.quoteReplacement(HtmlUtils.htmlEscape(replacement)));
        }
        link.appendTail(out);
        return out.toString();
    }

    private static String tidy(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.replaceAll(" {2,}", " ").strip()).append('\n');
        }
        return out.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }
}
