-- Configuration items recorded before and after an upgrade: how an item is read (inventory), and what was read
-- on each node at each point of the upgrade, with its SHA-256, so the record can compare them.
-- Portable SQL: runs on H2 and PostgreSQL.

-- the item's "read:" from the inventory (command or file), as JSON in the YAML's shape; null when not declared
ALTER TABLE inv_configuration_item ADD COLUMN read_json VARCHAR(8000);

CREATE TABLE config_snapshot (
    upgrade_id   VARCHAR(100)             NOT NULL,
    -- BEFORE (with the final backup), AFTER_CHANGE (with verification), AFTER_ROLLBACK (old version verified)
    phase        VARCHAR(20)              NOT NULL,
    node_id      VARCHAR(100)             NOT NULL,
    -- the item's position in the inventory and its name at capture time
    item_index   INTEGER                  NOT NULL,
    item_name    VARCHAR(1000)            NOT NULL,
    item_kind    VARCHAR(255)             NOT NULL,
    -- CAPTURED (content read), MISSING (the read answered "no": no such file, the command said no), UNREADABLE
    -- (the read could not run or read: timeout, I/O error), NOT_DECLARED (the inventory does not say how to read it)
    status       VARCHAR(20)              NOT NULL,
    -- what was read, secrets masked by the action layer; null unless CAPTURED
    content      TEXT,
    -- SHA-256 of the content as stored (masked); null unless CAPTURED
    sha256       VARCHAR(64),
    -- bytes beyond the action layer's output bound: not kept, so not compared
    omitted_bytes BIGINT                  NOT NULL DEFAULT 0,
    -- what ran and what came back, in one line
    summary      VARCHAR(2000),
    captured_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_config_snapshot PRIMARY KEY (upgrade_id, phase, node_id, item_index)
);
