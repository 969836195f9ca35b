package io.upgradeorchestrator.rollout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.upgradeorchestrator.backup.FinalBackup;

/**
 * The {@code rollout_node_result} table (see {@code db/migration/V5__rollout.sql}): the plan and the result of every
 * production node of an upgrade, one row each. Writes join the caller's transaction (the engine's job), so a job that
 * fails leaves no half-written result behind; what was done to a node is recorded independently by the action layer.
 */
@Repository
public class RolloutNodeResults {

    private static final String COLUMNS = "upgrade_id, node_id, wave, canary, plan_order, site, host, from_version,"
            + " target_version, backup_location, backup_sha256, backup_size, status, upgraded_at, rolled_back_at, summary";
    private static final int SUMMARY_LENGTH = 2000;

    private final JdbcTemplate jdbc;

    RolloutNodeResults(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every node of the upgrade in plan order. */
    public List<RolloutNodeResult> findByUpgradeId(String upgradeId) {
        return jdbc.query("select " + COLUMNS + " from rollout_node_result where upgrade_id = ? order by plan_order",
                this::map, upgradeId);
    }

    public List<RolloutNodeResult> findByWave(String upgradeId, int wave) {
        return jdbc.query("select " + COLUMNS + " from rollout_node_result where upgrade_id = ? and wave = ?"
                + " order by plan_order", this::map, upgradeId, wave);
    }

    public Optional<RolloutNodeResult> find(String upgradeId, String nodeId) {
        return jdbc.query("select " + COLUMNS + " from rollout_node_result where upgrade_id = ? and node_id = ?",
                this::map, upgradeId, nodeId).stream().findFirst();
    }

    /** Node ids of a wave in plan order. */
    public List<String> nodeIdsOfWave(String upgradeId, int wave) {
        return jdbc.queryForList("select node_id from rollout_node_result where upgrade_id = ? and wave = ?"
                + " order by plan_order", String.class, upgradeId, wave);
    }

    /** Waves that still have nodes in the plan, in order. */
    public List<Integer> pendingWaves(String upgradeId) {
        return jdbc.queryForList("select distinct wave from rollout_node_result where upgrade_id = ?"
                + " and status = 'PLANNED' order by wave", Integer.class, upgradeId);
    }

    /**
     * Nodes of a wave that ran but did not get to them (CANCELLED while they ran, or withdrawn before they started)
     * are planned again, as a wave of their own after the last one: the rollout goes on with them, and the failures
     * of their old wave, already decided upon, do not trigger again.
     */
    void replanUnfinished(String upgradeId) {
        Integer last = jdbc.queryForObject("select max(wave) from rollout_node_result where upgrade_id = ?",
                Integer.class, upgradeId);
        jdbc.update("update rollout_node_result set status = 'PLANNED', wave = ?, canary = false where upgrade_id = ?"
                + " and status in ('PLANNED', 'CANCELLED', 'UPGRADING') and wave in (select wave from rollout_node_result"
                + " where upgrade_id = ? and status not in ('PLANNED', 'CANCELLED', 'UPGRADING'))",
                last == null ? 1 : last + 1, upgradeId, upgradeId);
    }

    /** Nodes per status. */
    /** How many of the upgrade's nodes are in {@code status} (read on every node's completion: one indexed count). */
    public int countWithStatus(String upgradeId, NodeStatus status) {
        Integer nodes = jdbc.queryForObject("select count(*) from rollout_node_result where upgrade_id = ? and status = ?",
                Integer.class, upgradeId, status.name());
        return nodes == null ? 0 : nodes;
    }

    public Map<NodeStatus, Integer> countByStatus(String upgradeId) {
        Map<NodeStatus, Integer> counts = new java.util.EnumMap<>(NodeStatus.class);
        jdbc.query("select status, count(*) as nodes from rollout_node_result where upgrade_id = ? group by status",
                row -> {
                    counts.put(NodeStatus.valueOf(row.getString("status")), row.getInt("nodes"));
                }, upgradeId);
        return counts;
    }

    /** Replaces the upgrade's plan (a re-planned window starts from a fresh plan; nothing of the old one ran). */
    void replacePlan(String upgradeId, List<RolloutNodeResult> plan) {
        jdbc.update("delete from rollout_node_result where upgrade_id = ?", upgradeId);
        List<Object[]> rows = new ArrayList<>();
        for (RolloutNodeResult node : plan) {
            rows.add(new Object[] {node.upgradeId(), node.nodeId(), node.wave(), node.canary(), node.planOrder(),
                    node.site(), node.host(), node.fromVersion(), node.targetVersion(), node.backupLocation(),
                    node.backupSha256(), node.backupSizeBytes(), node.status().name(), null, null, null});
        }
        jdbc.batchUpdate("insert into rollout_node_result (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?)", rows);
    }

    /**
     * How a started upgrade ended, unless the node was meanwhile taken over by its rollback (a wave stopped while it
     * ran): then its rollback's status stays. Returns whether the row was updated.
     */
    boolean recordUpgradeEnded(String upgradeId, String nodeId, NodeStatus status, Instant at, String summary) {
        return jdbc.update("update rollout_node_result set status = ?, upgraded_at = ?, summary = ?"
                + " where upgrade_id = ? and node_id = ? and status = 'UPGRADING'", status.name(), timestamp(at),
                cut(summary), upgradeId, nodeId) == 1;
    }

    /** An upgrade step withdrawn before any worker took it: the node was not touched. */
    void recordWithdrawnBeforeStart(String upgradeId, String nodeId) {
        jdbc.update("update rollout_node_result set status = 'PLANNED', summary = null where upgrade_id = ?"
                + " and node_id = ? and status = 'UPGRADING'", upgradeId, nodeId);
    }

    /** One node's final backup, verified or not, as its backup step found it. */
    void recordNodeBackup(String upgradeId, FinalBackup.NodeBackup backup) {
        update(jdbc.update("update rollout_node_result set backup_location = ?, backup_sha256 = ?, backup_size = ?,"
                        + " backup_verified = ?, backup_summary = ? where upgrade_id = ? and node_id = ?",
                backup.location(), backup.sha256(), backup.sizeBytes(), backup.verified(), cut(backup.summary()),
                upgradeId, backup.node()), upgradeId, backup.node());
    }

    /** The node backups recorded by the backup steps, in plan order (nodes whose step has not ended are missing). */
    List<FinalBackup.NodeBackup> nodeBackups(String upgradeId) {
        return jdbc.query("select node_id, backup_location, backup_size, backup_sha256, backup_verified, backup_summary"
                        + " from rollout_node_result where upgrade_id = ? and backup_verified is not null order by plan_order",
                (row, number) -> new FinalBackup.NodeBackup(row.getString("node_id"), row.getString("backup_location"),
                        row.getObject("backup_size", Long.class), row.getString("backup_sha256"),
                        row.getBoolean("backup_verified"), row.getString("backup_summary")), upgradeId);
    }


    /** Every node of the upgrade with its wave and status, in plan order (what runs now is the engine's to say). */
    public List<WaveStep> steps(String upgradeId) {
        return jdbc.query("select wave, canary, node_id, status from rollout_node_result"
                + " where upgrade_id = ? order by wave, plan_order", (row, number) -> new WaveStep(row.getInt("wave"),
                row.getBoolean("canary"), row.getString("node_id"), NodeStatus.valueOf(row.getString("status"))),
                upgradeId);
    }

    public record WaveStep(int wave, boolean canary, String nodeId, NodeStatus status) {
    }

    public void recordHealth(String upgradeId, String nodeId, NodeStatus status, String summary) {
        update(jdbc.update("update rollout_node_result set status = ?, summary = ? where upgrade_id = ? and node_id = ?",
                status.name(), cut(summary), upgradeId, nodeId), upgradeId, nodeId);
    }

    public void recordRollback(String upgradeId, String nodeId, NodeStatus status, Instant at, String summary) {
        update(jdbc.update("update rollout_node_result set status = ?, rolled_back_at = ?, summary = ?"
                + " where upgrade_id = ? and node_id = ?", status.name(), timestamp(at), cut(summary), upgradeId,
                nodeId), upgradeId, nodeId);
    }

    private static void update(int rows, String upgradeId, String nodeId) {
        if (rows != 1) {
            throw new IllegalStateException("Node " + nodeId + " is not in the rollout plan of " + upgradeId);
        }
    }

    private RolloutNodeResult map(ResultSet row, int rowNumber) throws SQLException {
        return new RolloutNodeResult(row.getString("upgrade_id"), row.getString("node_id"), row.getInt("wave"),
                row.getBoolean("canary"), row.getInt("plan_order"), row.getString("site"), row.getString("host"),
                row.getString("from_version"), row.getString("target_version"), row.getString("backup_location"),
                row.getString("backup_sha256"), row.getObject("backup_size", Long.class),
                NodeStatus.valueOf(row.getString("status")), instant(row, "upgraded_at"),
                instant(row, "rolled_back_at"), row.getString("summary"));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String cut(String text) {
        return text == null || text.length() <= SUMMARY_LENGTH ? text : text.substring(0, SUMMARY_LENGTH - 1) + "…";
    }
}
