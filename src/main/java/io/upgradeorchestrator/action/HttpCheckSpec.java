package io.upgradeorchestrator.action;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An HTTP request whose answer is checked. Redirects are not followed: the expected status says what is right.
 *
 * @param method         GET, HEAD, …; {@code null} = GET. No request body is sent.
 * @param url            placeholders in it are percent-encoded, so a value cannot change the URL's structure
 * @param expectedStatus the status that means success; 0 = 200
 * @param bodyPattern    regular expression that must be found in the body (the first {@code max-output} bytes);
 *                       {@code null} = body not checked
 * @param timeout        for connecting and reading the whole answer; {@code null} = {@code default-timeout}
 */
public record HttpCheckSpec(String method, String url, int expectedStatus, String bodyPattern, Duration timeout)
        implements ActionSpec {

    public HttpCheckSpec {
        if (url == null || url.isBlank()) {
            throw new InvalidActionException("an HTTP check needs a URL");
        }
        method = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase();
        expectedStatus = expectedStatus == 0 ? 200 : expectedStatus;
        if (bodyPattern != null) {
            try {
                Pattern.compile(bodyPattern);
            } catch (PatternSyntaxException e) {
                throw new InvalidActionException("body pattern /" + bodyPattern + "/ is not a valid regex: "
                        + e.getDescription());
            }
        }
    }

    public static HttpCheckSpec get(String url, int expectedStatus, String bodyPattern) {
        return new HttpCheckSpec("GET", url, expectedStatus, bodyPattern, null);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.HTTP_CHECK;
    }

    @Override
    public String describe() {
        return method + " " + url;
    }
}
