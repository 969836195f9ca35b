-- A deployment from Camunda Modeler (or any client of the engine's REST API) is not deployed at once: it is
-- stored here as a pending rule change until a second process owner approves it. Who submitted and who
-- decided are written by the server from the authenticated callers, never from process variables.
CREATE TABLE rule_change (
    id                  VARCHAR(32)  PRIMARY KEY,
    deployment_name     VARCHAR(255) NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    submitted_by        VARCHAR(64)  NOT NULL,
    submitted_at        TIMESTAMP    NOT NULL,
    decided_by          VARCHAR(64),
    decided_at          TIMESTAMP,
    decision_comment    VARCHAR(2000),
    deployment_id       VARCHAR(64),
    deployed_at         TIMESTAMP,
    process_instance_id VARCHAR(64)
);

CREATE TABLE rule_change_resource (
    rule_change_id VARCHAR(32)  NOT NULL REFERENCES rule_change (id),
    resource_name  VARCHAR(255) NOT NULL,
    content        BYTEA        NOT NULL,
    PRIMARY KEY (rule_change_id, resource_name)
);

-- One counter row per calendar year for the ids RC-2026-0001 …, drawn under a row lock like the upgrade ids.
CREATE TABLE rule_change_id_counter (
    counter_year INT PRIMARY KEY,
    last_number  INT NOT NULL
);
