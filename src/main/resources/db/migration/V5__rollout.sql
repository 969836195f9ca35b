-- The staged rollout of an upgrade: one row per upgrade x production node, written by the node's own job
-- (never one shared list variable, so a thousand parallel node upgrades do not collide on one process variable).
-- Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE rollout_node_result (
    upgrade_id       VARCHAR(100)             NOT NULL,
    node_id          VARCHAR(100)             NOT NULL,
    -- wave 1 is the canary wave when the rollout has one; plan_order = order of the node in the whole plan
    wave             INTEGER                  NOT NULL,
    canary           BOOLEAN                  NOT NULL,
    plan_order       INTEGER                  NOT NULL,
    site             VARCHAR(100),
    host             VARCHAR(255),
    from_version     VARCHAR(100)             NOT NULL,
    target_version   VARCHAR(100)             NOT NULL,
    -- the node's final backup taken at the window's start (what its rollback returns to)
    backup_location  VARCHAR(1000),
    backup_sha256    VARCHAR(64),
    backup_size      BIGINT,
    -- PLANNED, UPGRADED, FAILED (the upgrade said no), UNHEALTHY (upgraded, failed its health gate),
    -- ROLLED_BACK, ROLLBACK_FAILED
    status           VARCHAR(20)              NOT NULL,
    upgraded_at      TIMESTAMP WITH TIME ZONE,
    rolled_back_at   TIMESTAMP WITH TIME ZONE,
    -- what ran and what came back, for people and the upgrade record
    summary          VARCHAR(2000),
    CONSTRAINT pk_rollout_node_result PRIMARY KEY (upgrade_id, node_id)
);

CREATE INDEX ix_rollout_node_result_wave ON rollout_node_result (upgrade_id, wave);
