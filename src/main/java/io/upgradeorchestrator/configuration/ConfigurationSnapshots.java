package io.upgradeorchestrator.configuration;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code config_snapshot} table: one row per upgrade, phase, node and configuration item. */
@Repository
class ConfigurationSnapshots {

    private final NamedParameterJdbcTemplate jdbc;

    ConfigurationSnapshots(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a node's items of one phase, replacing what an earlier run of the same phase stored. */
    @Transactional
    void replace(String upgradeId, SnapshotPhase phase, String nodeId, List<ConfigurationSnapshot> snapshots) {
        jdbc.update("DELETE FROM config_snapshot WHERE upgrade_id = :upgradeId AND phase = :phase AND node_id = :nodeId",
                Map.of("upgradeId", upgradeId, "phase", phase.name(), "nodeId", nodeId));
        jdbc.batchUpdate("""
                INSERT INTO config_snapshot (upgrade_id, phase, node_id, item_index, item_name, item_kind, status,
                                             content, sha256, omitted_bytes, summary, captured_at)
                VALUES (:upgradeId, :phase, :nodeId, :itemIndex, :itemName, :itemKind, :status, :content, :sha256,
                        :omittedBytes, :summary, :capturedAt)
                """, snapshots.stream().map(s -> new MapSqlParameterSource()
                .addValue("upgradeId", s.upgradeId())
                .addValue("phase", s.phase().name())
                .addValue("nodeId", s.nodeId())
                .addValue("itemIndex", s.itemIndex())
                .addValue("itemName", s.itemName())
                .addValue("itemKind", s.itemKind())
                .addValue("status", s.status().name())
                .addValue("content", s.content())
                .addValue("sha256", s.sha256())
                .addValue("omittedBytes", s.omittedBytes())
                .addValue("summary", s.summary())
                .addValue("capturedAt", Timestamp.from(s.capturedAt()))).toArray(MapSqlParameterSource[]::new));
    }

    /** Every snapshot of the upgrade, by node, item and phase. */
    List<ConfigurationSnapshot> findByUpgradeId(String upgradeId) {
        return jdbc.query("SELECT * FROM config_snapshot WHERE upgrade_id = :upgradeId ORDER BY node_id, item_index",
                Map.of("upgradeId", upgradeId), (rs, n) -> new ConfigurationSnapshot(
                        rs.getString("upgrade_id"), SnapshotPhase.valueOf(rs.getString("phase")),
                        rs.getString("node_id"), rs.getInt("item_index"), rs.getString("item_name"),
                        rs.getString("item_kind"), ConfigurationSnapshot.Status.valueOf(rs.getString("status")),
                        rs.getString("content"), rs.getString("sha256"), rs.getLong("omitted_bytes"),
                        rs.getString("summary"), rs.getTimestamp("captured_at").toInstant()));
    }
}
