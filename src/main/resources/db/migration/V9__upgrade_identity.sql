-- Who requested each upgrade, fixed by the server from the authenticated user when the upgrade starts. Kept
-- here, where no process-variable write reaches it: four-eyes, who may see an upgrade, mails and the record
-- read the requester from this table. The primary key makes upgrade ids (the business keys) unique.
CREATE TABLE upgrade_identity (
    upgrade_id          VARCHAR(32)  NOT NULL PRIMARY KEY,
    requester           VARCHAR(64)  NOT NULL,
    process_instance_id VARCHAR(64),
    registered_at       TIMESTAMP    NOT NULL,
    CONSTRAINT upgrade_identity_instance UNIQUE (process_instance_id)
);
