-- The upgrade record: what an upgrade really did, written when it closes and completed by the
-- post-implementation review. The record itself is JSON text; the columns beside it are for finding it.
-- Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE upgrade_record (
    upgrade_id   VARCHAR(100)             NOT NULL,
    -- COMPLETED or ROLLED_BACK
    closed_as    VARCHAR(20)              NOT NULL,
    -- WRITTEN (before the review) or REVIEWED
    status       VARCHAR(20)              NOT NULL,
    record_json  TEXT                     NOT NULL,
    written_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    reviewed_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_upgrade_record PRIMARY KEY (upgrade_id)
);
