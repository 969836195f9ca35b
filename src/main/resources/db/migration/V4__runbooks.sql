-- Runbooks: how each system is backed up, restored, upgraded, rolled back and checked. One row per system that
-- has one, replaced with the rest of the inventory on every start. The runbook is kept as JSON in the same shape
-- as the inventory YAML (read back by the same parser); it is small and always read whole.
-- Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE inv_runbook (
    system_id    VARCHAR(100) NOT NULL PRIMARY KEY REFERENCES inv_system (id),
    demo_target  BOOLEAN      NOT NULL,
    runbook_json TEXT         NOT NULL
);
