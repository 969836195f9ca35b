package io.upgradeorchestrator.variables;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Texts the product writes into string variables (summaries, findings, lists of recipients, logs of reports) fit the
 * engine's {@value StringLengthLimit#MAX_LENGTH} characters by design: a fleet, a long runbook output or many user
 * reports must never turn into a refused write and a failed job. Where a text is cut, it says so.
 */
public final class Texts {

    /** Leaves room below the engine's limit. */
    public static final int MAX_LENGTH = StringLengthLimit.MAX_LENGTH - 100;

    private static final Pattern CUT_MARKER =
            Pattern.compile("… \\((\\d+) earlier line\\(s\\) cut\\)");

    private Texts() {
    }

    /** The text, or its start with a note that the rest was cut. */
    public static String fit(String text) {
        if (text == null || text.length() <= MAX_LENGTH) {
            return text;
        }
        String note = " … (cut: " + text.length() + " characters, the first " + MAX_LENGTH + " are kept)";
        return text.substring(0, MAX_LENGTH - note.length()) + note;
    }

    /**
     * {@code earlier} with {@code line} appended on a new line; when that is too long, the oldest lines go first
     * (the newest matters most to whoever decides next) and a first line says how many.
     */
    public static String appendKeepingLatest(String earlier, String line) {
        String latest = fit(line);
        if (earlier == null || earlier.isBlank()) {
            return latest;
        }
        String all = earlier + "\n" + latest;
        if (all.length() <= MAX_LENGTH) {
            return all;
        }
        String[] lines = all.split("\n");
        int dropped = 0;
        boolean full = false;
        StringBuilder kept = new StringBuilder();
        for (int i = lines.length - 1; i >= 0; i--) {
            Matcher marker = CUT_MARKER.matcher(lines[i]);
            if (marker.matches()) {
                dropped += Integer.parseInt(marker.group(1));
            } else if (full || kept.length() > 0 && kept.length() + lines[i].length() + 1 > MAX_LENGTH - 40) {
                full = true;
                dropped++;
            } else {
                kept.insert(0, kept.length() == 0 ? lines[i] : lines[i] + "\n");
            }
        }
        return dropped == 0 ? kept.toString() : "… (" + dropped + " earlier line(s) cut)\n" + kept;
    }
}
