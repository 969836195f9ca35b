package io.upgradeorchestrator.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away database on the local PostgreSQL (127.0.0.1:5432, trust authentication, as on the build machines).
 * Tests that need it are skipped, with the reason printed, where no PostgreSQL answers.
 */
final class PostgresDatabase implements AutoCloseable {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = System.getProperty("user.name", "postgres");

    final String name = "uo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private PostgresDatabase() {
    }

    static PostgresDatabase createOrSkip() {
        PostgresDatabase database = new PostgresDatabase();
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database.name);
        } catch (SQLException e) {
            String reason = "PostgreSQL cluster tests skipped: no PostgreSQL at 127.0.0.1:5432 for user " + USER
                    + " (" + e.getMessage() + ")";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        return database;
    }

    String url() {
        return SERVER + name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
