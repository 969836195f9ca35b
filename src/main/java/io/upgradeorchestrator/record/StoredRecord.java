package io.upgradeorchestrator.record;

import java.time.Instant;

/** One row of {@code upgrade_record}. */
public record StoredRecord(String upgradeId, String closedAs, String status, String json, Instant writtenAt,
                           Instant reviewedAt) {

    public static final String WRITTEN = "WRITTEN";
    public static final String REVIEWED = "REVIEWED";
}
