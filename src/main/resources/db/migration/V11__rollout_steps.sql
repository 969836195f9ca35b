-- Runbook steps run as external tasks, one per node: each node's final backup is recorded on its own row (the
-- conclusion reads them all), and the step a node is in right now is shown to people watching the rollout.
-- Portable SQL: runs on H2 and PostgreSQL.
ALTER TABLE rollout_node_result ADD COLUMN backup_verified BOOLEAN;
ALTER TABLE rollout_node_result ADD COLUMN backup_summary VARCHAR(2000);
-- the runbook step running on the node now (backup, upgrade, health, acceptance), null when none
ALTER TABLE rollout_node_result ADD COLUMN current_step VARCHAR(40);
ALTER TABLE rollout_node_result ADD COLUMN step_started_at TIMESTAMP WITH TIME ZONE;
