package io.upgradeorchestrator.configuration;

/**
 * How one configuration item of one node compares between two snapshots.
 *
 * @param diff   a unified diff (before → after) when {@link Status#CHANGED}, else {@code null}
 * @param detail one line for a person: what was compared and what came out
 */
public record ItemChange(Status status, String beforeSha256, String afterSha256, String diff, String detail) {

    public enum Status {
        /** Read both times, same content. */
        UNCHANGED,
        /** Read both times, different content. */
        CHANGED,
        /** There before, gone after; or absent both times. */
        MISSING,
        /** Absent before, there after. */
        NEW,
        /** Not read at one of the two points, so not compared. */
        NOT_COMPARED
    }

    /** The item is not as it was before: changed, gone or new. */
    public boolean differs() {
        return status == Status.CHANGED || status == Status.NEW
                || (status == Status.MISSING && beforeSha256 != null);
    }
}
