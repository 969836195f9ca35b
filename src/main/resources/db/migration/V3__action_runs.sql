-- Every run of an action against a target system (command, HTTP check, SQL check, log scan).
-- The unique idempotency key lets only one worker run an effect; a retried job is answered from its row.
-- Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE action_run (
    id              VARCHAR(36)              NOT NULL,
    idempotency_key VARCHAR(255)             NOT NULL,
    upgrade_id      VARCHAR(100),
    target          VARCHAR(255)             NOT NULL,
    action_name     VARCHAR(255)             NOT NULL,
    kind            VARCHAR(20)              NOT NULL,
    -- the command line, method and URL, or connection and query; secrets masked
    description     VARCHAR(4000)            NOT NULL,
    -- STARTED, SUCCEEDED, FAILED (a "no"), ERROR (could not run)
    status          VARCHAR(20)              NOT NULL,
    attempts        INTEGER                  NOT NULL,
    exit_code       INTEGER,
    http_status     INTEGER,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    duration_ms     BIGINT,
    -- bounded head of the output (matched lines for log scans); the rest is only counted
    output          TEXT,
    omitted_bytes   BIGINT                   NOT NULL DEFAULT 0,
    omitted_lines   BIGINT                   NOT NULL DEFAULT 0,
    -- log scans: JSON object of matching lines per pattern name
    pattern_counts  VARCHAR(4000),
    summary         VARCHAR(2000),
    CONSTRAINT pk_action_run PRIMARY KEY (id),
    CONSTRAINT uq_action_run_idempotency_key UNIQUE (idempotency_key)
);

CREATE INDEX ix_action_run_upgrade_id ON action_run (upgrade_id);
