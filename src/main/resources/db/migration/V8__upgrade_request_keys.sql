-- A CI job may retry POST /api/upgrades after a timeout. With an Idempotency-Key header the retry is answered
-- with the upgrade the first call started, instead of starting a second one. Keys are per requester.
CREATE TABLE upgrade_request_key (
    requester       VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    request_digest  CHAR(64)     NOT NULL,
    upgrade_id      VARCHAR(32)  NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    PRIMARY KEY (requester, idempotency_key)
);
