-- Every node's completion asks how many nodes of its upgrade failed (the wave's stop condition).
CREATE INDEX ix_rollout_node_result_status ON rollout_node_result (upgrade_id, status);
