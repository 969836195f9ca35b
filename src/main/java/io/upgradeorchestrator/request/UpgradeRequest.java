package io.upgradeorchestrator.request;

/**
 * An upgrade as requested, before validation: from {@code POST /api/upgrades} or the Tasklist start form.
 * Everything arrives as text so that each bad value can be reported by name instead of failing the whole parse.
 */
public record UpgradeRequest(
        String systemId,
        String targetVersion,
        String reason,
        String severity,
        String purpose,
        Window window,
        Boolean dataMigration,
        Boolean migrationReversible,
        String releaseNotesUrl) {

    /** The wished maintenance window, as ISO-8601 instants. */
    public record Window(String start, String end) {
    }
}
