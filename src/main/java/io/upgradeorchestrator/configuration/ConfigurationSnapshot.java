package io.upgradeorchestrator.configuration;

import java.time.Instant;

import io.upgradeorchestrator.worker.StepOutcome;

/**
 * One configuration item of one node as read at one point of an upgrade.
 *
 * @param content      what was read, secrets masked by the action layer; {@code null} unless {@link Status#CAPTURED}
 * @param sha256       SHA-256 of {@code content}; {@code null} unless captured
 * @param omittedBytes bytes beyond the action layer's output bound: not kept, so changes there are not seen
 * @param summary      what ran and what came back, in one line
 */
public record ConfigurationSnapshot(String upgradeId, SnapshotPhase phase, String nodeId, int itemIndex,
                                    String itemName, String itemKind, Status status, String content, String sha256,
                                    long omittedBytes, String summary, Instant capturedAt) {

    public enum Status {
        /** The item was read. */
        CAPTURED,
        /** The read answered "no": no such file, or the command said the item is not there. */
        MISSING,
        /** The read could not run or could not read (timeout, missing program, I/O error): see the summary. */
        UNREADABLE,
        /** The inventory does not say how to read the item. */
        NOT_DECLARED
    }

    public boolean captured() {
        return status == Status.CAPTURED;
    }

    /** As a step's outcome carries it to the orchestrator. */
    public StepOutcome.ConfigurationReading reading() {
        return new StepOutcome.ConfigurationReading(itemIndex, itemName, itemKind, status.name(), content, sha256,
                omittedBytes, summary, capturedAt);
    }

    /**
     * What a step's outcome carried, as the orchestrator stores it.
     *
     * @throws IllegalArgumentException an unknown status, or no item name or time of reading
     */
    public static ConfigurationSnapshot of(String upgradeId, SnapshotPhase phase, String nodeId,
                                           StepOutcome.ConfigurationReading reading) {
        if (reading.itemName() == null || reading.readAt() == null || reading.status() == null) {
            throw new IllegalArgumentException("configuration item " + reading.itemIndex() + " read lacks its name,"
                    + " status or time");
        }
        return new ConfigurationSnapshot(upgradeId, phase, nodeId, reading.itemIndex(), reading.itemName(),
                reading.itemKind(), Status.valueOf(reading.status()), reading.content(), reading.sha256(),
                reading.omittedBytes(), reading.summary(), reading.readAt());
    }
}
