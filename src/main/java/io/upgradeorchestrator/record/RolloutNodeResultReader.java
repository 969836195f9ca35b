package io.upgradeorchestrator.record;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The per-node results of the staged rollout, from table {@code rollout_node_result} (one row per upgrade and node,
 * written by the rollout). Read generically, every column as it is, so the record shows whatever the rollout keeps;
 * an installation without the table (no rollout has ever been built into it) yields "not available".
 */
@Component
class RolloutNodeResultReader {

    static final String TABLE = "rollout_node_result";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    RolloutNodeResultReader(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** The rows of this upgrade, or empty when the table does not exist. */
    Optional<List<Map<String, Object>>> findByUpgradeId(String upgradeId) {
        if (!tableExists()) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = jdbc.query("select * from " + TABLE + " where upgrade_id = ?",
                (ResultSet row, int number) -> {
                    ResultSetMetaData meta = row.getMetaData();
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = row.getObject(column);
                        values.put(camelCase(meta.getColumnLabel(column)), readable(value));
                    }
                    return values;
                }, upgradeId);
        return Optional.of(new ArrayList<>(rows));
    }

    private boolean tableExists() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String name : List.of(TABLE, TABLE.toUpperCase(Locale.ROOT))) {
                try (ResultSet tables = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot look up table " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private static Object readable(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) Math.min(clob.length(), 100_000));
            } catch (SQLException e) {
                return "(unreadable text)";
            }
        }
        return value.toString();
    }

    static String camelCase(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : lower.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
