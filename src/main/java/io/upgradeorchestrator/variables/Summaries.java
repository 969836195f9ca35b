package io.upgradeorchestrator.variables;

import java.util.List;

/**
 * Summaries for people are process variables, and the engine stores a string in at most 4,000 characters. A fleet
 * of a thousand nodes easily says more than that; the details stay in rollout_node_result and action_run, the
 * variable lists the first items and counts the rest.
 */
public final class Summaries {

    /** Leaves room below the engine's 4,000 characters. */
    public static final int MAX_LENGTH = 3900;
    /** Items listed in a summary before the rest is only counted. */
    public static final int LISTED = 20;

    private Summaries() {
    }

    /** The text, cut to fit a string variable, with a note where it was cut. */
    public static String fit(String text) {
        if (text == null || text.length() <= MAX_LENGTH) {
            return text;
        }
        String note = " … (cut; the rest is in rollout_node_result and action_run)";
        return text.substring(0, MAX_LENGTH - note.length()) + note;
    }

    /** The first {@link #LISTED} items joined, then how many more there are. */
    public static String list(List<String> items, String separator) {
        return items.size() <= LISTED ? String.join(separator, items)
                : String.join(separator, items.subList(0, LISTED)) + separator + "… and " + (items.size() - LISTED)
                + " more";
    }
}
