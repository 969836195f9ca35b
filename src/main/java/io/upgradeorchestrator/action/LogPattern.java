package io.upgradeorchestrator.action;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression looked for in each log line.
 *
 * @param threshold how many matching lines are tolerated; more than this fails the scan (0 = none allowed)
 */
public record LogPattern(String name, String regex, int threshold) {

    public LogPattern {
        if (name == null || name.isBlank() || regex == null || regex.isEmpty() || threshold < 0) {
            throw new InvalidActionException("a log pattern needs a name, a regex and a threshold >= 0");
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidActionException("log pattern '" + name + "' is not a valid regex: " + e.getDescription());
        }
    }
}
