package io.upgradeorchestrator.probes;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Table {@code probe_measurement}: what each node's probe step measured in one round, one row per probe. The
 * round's judge reads them all; no process variable holds them, so a thousand nodes never meet in one variable.
 */
@Repository
public class ProbeMeasurements {

    /** The round key of the baseline measured before the change. */
    public static final String BASELINE_ROUND = "baseline";

    /** One probe on one node in one round: median latency of the answered samples and the share that failed. */
    public record Measurement(String nodeId, String probe, long medianLatencyMillis, double errorRatePercent,
                              int samples) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ProbeMeasurements(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Replaces the node's rows of this round: a step run again (retry, a worker taking it over) leaves one set. */
    public void replace(String upgradeId, String roundKey, String nodeId, List<Measurement> measurements) {
        Timestamp now = Timestamp.from(clock.instant());
        transaction.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM probe_measurement WHERE upgrade_id = ? AND round_key = ? AND node_id = ?",
                    upgradeId, roundKey, nodeId);
            for (Measurement m : measurements) {
                jdbc.update("INSERT INTO probe_measurement (upgrade_id, round_key, node_id, probe,"
                        + " median_latency_millis, error_rate_percent, samples, measured_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", upgradeId, roundKey, nodeId, m.probe(),
                        m.medianLatencyMillis(), m.errorRatePercent(), m.samples(), now);
            }
        });
    }

    /** Every measurement of the round, by node and probe. */
    public List<Measurement> ofRound(String upgradeId, String roundKey) {
        return jdbc.query("SELECT node_id, probe, median_latency_millis, error_rate_percent, samples"
                        + " FROM probe_measurement WHERE upgrade_id = ? AND round_key = ? ORDER BY node_id, probe",
                (rs, i) -> new Measurement(rs.getString("node_id"), rs.getString("probe"),
                        rs.getLong("median_latency_millis"), rs.getDouble("error_rate_percent"), rs.getInt("samples")),
                upgradeId, roundKey);
    }
}
