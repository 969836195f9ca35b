package io.upgradeorchestrator.action;

import static io.upgradeorchestrator.action.Execution.human;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * Runs an {@link SqlCheckSpec} over a connection named in configuration. A fresh connection per check: checks are
 * rare, and a pool per target database would hold connections open to systems being upgraded.
 */
final class SqlCheck {

    /** Rows shown in the output; all rows are still counted. */
    private static final int ROWS_SHOWN = 20;

    private final Map<String, ActionProperties.SqlConnection> connections;
    private final int maxOutputBytes;
    private final Duration queryTimeout;

    SqlCheck(Map<String, ActionProperties.SqlConnection> connections, int maxOutputBytes, Duration queryTimeout) {
        this.connections = connections;
        this.maxOutputBytes = maxOutputBytes;
        this.queryTimeout = queryTimeout;
    }

    ActionProperties.SqlConnection connection(String name) {
        ActionProperties.SqlConnection connection = connections.get(name);
        if (connection == null || connection.url() == null || connection.url().isBlank()) {
            throw new InvalidActionException("no SQL connection named '" + name + "' is configured; set "
                    + ActionProperties.PREFIX + ".sql-connections." + name + ".url (and .username, .password)"
                    + (connections.isEmpty() ? "" : "; configured: " + connections.keySet()));
        }
        return connection;
    }

    Execution execute(SqlCheckSpec spec, ActionContext context) {
        SqlExpectation expectation = SqlExpectation.parse(spec.expectation());
        Placeholders.BoundQuery query = Placeholders.bind(spec.query(), context);
        ActionProperties.SqlConnection connection = connection(spec.connection());
        BoundedOutput output = new BoundedOutput(maxOutputBytes);
        long start = System.nanoTime();
        long rows = 0;
        Object firstValue = null;
        try (Connection jdbc = DriverManager.getConnection(connection.url(), connection.username(), connection.password())) {
            jdbc.setReadOnly(true); // a check only looks; drivers that honour it refuse writes
            try (PreparedStatement statement = jdbc.prepareStatement(query.sql())) {
                statement.setQueryTimeout((int) Math.max(1, queryTimeout.toSeconds()));
                for (int i = 0; i < query.parameters().size(); i++) {
                    statement.setString(i + 1, query.parameters().get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    ResultSetMetaData columns = result.getMetaData();
                    while (result.next()) {
                        if (rows == 0) {
                            firstValue = result.getObject(1);
                        }
                        if (rows < ROWS_SHOWN) {
                            output.write(row(result, columns) + "\n");
                        }
                        rows++;
                    }
                }
            }
        } catch (SQLException e) {
            return Execution.error(Duration.ofNanos(System.nanoTime() - start), "could not be run", e.getMessage());
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        if (rows > ROWS_SHOWN) {
            output.write("… " + (rows - ROWS_SHOWN) + " more rows\n");
        }
        boolean met;
        String found;
        if (expectation.subject().equals("rows")) {
            met = expectation.isMetBy(rows);
            found = rows + (rows == 1 ? " row" : " rows");
        } else if (rows == 0) {
            met = false;
            found = "no row";
        } else {
            met = expectation.isMetBy(firstValue);
            found = "value " + firstValue;
        }
        String what = "returned " + found + (met ? "" : " (expected " + expectation + ")") + " after " + human(duration);
        return new Execution(met ? ActionOutcome.SUCCEEDED : ActionOutcome.FAILED, null, null, duration, what, null,
                output.text(), output.omittedBytes(), output.omittedLines(), Map.of());
    }

    private static String row(ResultSet result, ResultSetMetaData columns) throws SQLException {
        StringBuilder row = new StringBuilder();
        for (int column = 1; column <= columns.getColumnCount(); column++) {
            row.append(column > 1 ? " | " : "").append(columns.getColumnLabel(column)).append('=')
                    .append(result.getObject(column));
        }
        return row.toString();
    }
}
