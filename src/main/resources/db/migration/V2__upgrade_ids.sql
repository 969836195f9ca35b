-- One counter row per calendar year. Upgrade ids (UPG-2026-0001 …) are drawn from it under a row lock,
-- so they stay unique across restarts and across nodes sharing the database.
CREATE TABLE upgrade_id_counter (
    counter_year INT PRIMARY KEY,
    last_number  INT NOT NULL
);
