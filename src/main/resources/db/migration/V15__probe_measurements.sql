-- The monitoring probes run as external tasks, one per node: each step records its node's measurements of one
-- round here (round key 'baseline' for the baseline before the change), and the round's judge reads them all.
-- A re-run step replaces its own rows. Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE probe_measurement (
    upgrade_id            VARCHAR(100)             NOT NULL,
    round_key             VARCHAR(200)             NOT NULL,
    node_id               VARCHAR(100)             NOT NULL,
    probe                 VARCHAR(200)             NOT NULL,
    median_latency_millis BIGINT                   NOT NULL,
    error_rate_percent    DOUBLE PRECISION         NOT NULL,
    samples               INTEGER                  NOT NULL,
    measured_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_probe_measurement PRIMARY KEY (upgrade_id, round_key, node_id, probe)
);
