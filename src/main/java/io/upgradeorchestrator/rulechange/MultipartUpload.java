package io.upgradeorchestrator.rulechange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body, as the Modeler and the engine's REST clients send a deployment: text
 * fields ({@code deployment-name} …) and files. Small and strict: the body is already in memory and bounded.
 */
final class MultipartUpload {

    record Part(String name, String fileName, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");

    private MultipartUpload() {
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The parts, or an {@link IllegalArgumentException} saying what is wrong with the body. */
    static List<Part> parse(String contentType, byte[] body) {
        Matcher boundaryMatch = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!boundaryMatch.find()) {
            throw new IllegalArgumentException("multipart/form-data without a boundary");
        }
        String boundary = boundaryMatch.group(2) != null ? boundaryMatch.group(2) : boundaryMatch.group(3);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            throw new IllegalArgumentException("the body does not contain its boundary");
        }
        while (true) {
            int afterDelimiter = position + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                return parts; // closing delimiter
            }
            int headersStart = skipLineBreak(body, afterDelimiter);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("a part without headers");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), contentStart);
            if (next < 0) {
                throw new IllegalArgumentException("a part without its closing boundary");
            }
            parts.add(part(headers, Arrays.copyOfRange(body, contentStart, next)));
            position = next + 2;
        }
    }

    private static Part part(String headers, byte[] content) {
        String disposition = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                disposition = line.substring(colon + 1).trim();
            }
        }
        if (disposition == null) {
            throw new IllegalArgumentException("a part without Content-Disposition");
        }
        Matcher name = NAME.matcher(disposition);
        Matcher fileName = FILE_NAME.matcher(disposition);
        return new Part(name.find() ? name.group(1) : null, fileName.find() ? fileName.group(1) : null, content);
    }

    private static int skipLineBreak(byte[] body, int position) {
        if (position + 1 < body.length && body[position] == '\r' && body[position + 1] == '\n') {
            return position + 2;
        }
        return position;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
