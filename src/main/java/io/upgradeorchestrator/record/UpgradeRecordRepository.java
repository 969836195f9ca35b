package io.upgradeorchestrator.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code upgrade_record} table (Flyway V7): one record per upgrade, written at closing, completed by review. */
@Repository
public class UpgradeRecordRepository {

    private final JdbcTemplate jdbc;

    UpgradeRecordRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredRecord> find(String upgradeId) {
        return jdbc.query("select upgrade_id, closed_as, status, record_json, written_at, reviewed_at"
                + " from upgrade_record where upgrade_id = ?", this::map, upgradeId).stream().findFirst();
    }

    /** Inserts or replaces the record; runs in the caller's transaction (the job that wrote it). */
    public void save(StoredRecord record) {
        int updated = jdbc.update("update upgrade_record set closed_as = ?, status = ?, record_json = ?,"
                        + " written_at = ?, reviewed_at = ? where upgrade_id = ?", record.closedAs(), record.status(),
                record.json(), timestamp(record.writtenAt()), timestamp(record.reviewedAt()), record.upgradeId());
        if (updated == 0) {
            jdbc.update("insert into upgrade_record (upgrade_id, closed_as, status, record_json, written_at,"
                            + " reviewed_at) values (?, ?, ?, ?, ?, ?)", record.upgradeId(), record.closedAs(),
                    record.status(), record.json(), timestamp(record.writtenAt()), timestamp(record.reviewedAt()));
        }
    }

    private StoredRecord map(ResultSet row, int rowNumber) throws SQLException {
        return new StoredRecord(row.getString("upgrade_id"), row.getString("closed_as"), row.getString("status"),
                row.getString("record_json"), instant(row, "written_at"), instant(row, "reviewed_at"));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
