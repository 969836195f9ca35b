-- Inventory tables. The YAML files under the inventory folder are the source of truth: on every start the loader
-- replaces the content of these tables with the files' content in one transaction. Do not reference these tables
-- with foreign keys from other features' tables; keep the ids as plain values instead.
-- Portable SQL: runs on H2 and PostgreSQL. List-valued simple fields are JSON arrays in VARCHAR columns.

-- One row; the loader updates it first, which serialises concurrent loads by several cluster nodes.
CREATE TABLE inv_load (
    id           INTEGER      NOT NULL PRIMARY KEY,
    loaded_at    TIMESTAMP,
    location     VARCHAR(1000),
    system_count INTEGER      NOT NULL
);
INSERT INTO inv_load (id, loaded_at, location, system_count) VALUES (1, NULL, NULL, 0);

CREATE TABLE inv_system (
    id                       VARCHAR(100)     NOT NULL PRIMARY KEY,
    list_index               INTEGER          NOT NULL,
    name                     VARCHAR          NOT NULL,
    tier                     INTEGER          NOT NULL,
    owner_group              VARCHAR(255)     NOT NULL,
    business_services        VARCHAR          NOT NULL,
    critical_user_groups     VARCHAR          NOT NULL,
    compliance_tags          VARCHAR          NOT NULL,
    notification_list        VARCHAR          NOT NULL,
    sla_availability_percent DOUBLE PRECISION NOT NULL,
    sla_max_outage_minutes   INTEGER          NOT NULL,
    sla_support_hours        VARCHAR          NOT NULL
);

CREATE TABLE inv_peak_period (
    system_id     VARCHAR(100) NOT NULL REFERENCES inv_system (id),
    list_index    INTEGER      NOT NULL,
    name          VARCHAR      NOT NULL,
    days_of_week  VARCHAR      NOT NULL,
    days_of_month VARCHAR      NOT NULL,
    start_time    TIME         NOT NULL,
    end_time      TIME         NOT NULL,
    zone_id       VARCHAR(100) NOT NULL,
    PRIMARY KEY (system_id, list_index)
);

CREATE TABLE inv_on_call_role (
    system_id  VARCHAR(100) NOT NULL REFERENCES inv_system (id),
    list_index INTEGER      NOT NULL,
    role_name  VARCHAR      NOT NULL,
    group_name VARCHAR(255) NOT NULL,
    PRIMARY KEY (system_id, list_index)
);

CREATE TABLE inv_node (
    id          VARCHAR(100) NOT NULL PRIMARY KEY,
    system_id   VARCHAR(100) NOT NULL REFERENCES inv_system (id),
    list_index  INTEGER      NOT NULL,
    host        VARCHAR      NOT NULL,
    site        VARCHAR      NOT NULL,
    environment VARCHAR(20)  NOT NULL,
    version     VARCHAR(255) NOT NULL
);
CREATE INDEX inv_node_system ON inv_node (system_id);

CREATE TABLE inv_component (
    system_id  VARCHAR(100) NOT NULL REFERENCES inv_system (id),
    list_index INTEGER      NOT NULL,
    area       VARCHAR(30)  NOT NULL,
    name       VARCHAR      NOT NULL,
    version    VARCHAR(255) NOT NULL,
    PRIMARY KEY (system_id, list_index)
);

CREATE TABLE inv_dependency (
    system_id            VARCHAR(100) NOT NULL REFERENCES inv_system (id),
    list_index           INTEGER      NOT NULL,
    depends_on_system_id VARCHAR(100) NOT NULL REFERENCES inv_system (id),
    description          VARCHAR      NOT NULL,
    PRIMARY KEY (system_id, list_index)
);
CREATE INDEX inv_dependency_target ON inv_dependency (depends_on_system_id);

CREATE TABLE inv_configuration_item (
    system_id  VARCHAR(100) NOT NULL REFERENCES inv_system (id),
    list_index INTEGER      NOT NULL,
    name       VARCHAR      NOT NULL,
    kind       VARCHAR(255) NOT NULL,
    location   VARCHAR      NOT NULL,
    PRIMARY KEY (system_id, list_index)
);

CREATE TABLE inv_release (
    system_id               VARCHAR(100) NOT NULL REFERENCES inv_system (id),
    version                 VARCHAR(255) NOT NULL,
    list_index              INTEGER      NOT NULL,
    release_notes_url       VARCHAR,
    mixed_version_supported BOOLEAN      NOT NULL,
    PRIMARY KEY (system_id, version)
);

CREATE TABLE inv_requirement (
    system_id       VARCHAR(100) NOT NULL,
    release_version VARCHAR(255) NOT NULL,
    list_index      INTEGER      NOT NULL,
    area            VARCHAR(30)  NOT NULL,
    component       VARCHAR      NOT NULL,
    minimum_version VARCHAR(255) NOT NULL,
    PRIMARY KEY (system_id, release_version, list_index),
    FOREIGN KEY (system_id, release_version) REFERENCES inv_release (system_id, version)
);
