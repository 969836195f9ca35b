package io.upgradeorchestrator.rulechange;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The tables {@code rule_change} and {@code rule_change_resource} (see {@code V10__rule_changes.sql}). */
@Repository
class RuleChangeStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final Clock clock;

    RuleChangeStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** {@code RC-<year>-<number>}, from a counter row locked until commit (unique across nodes). */
    String nextId() {
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        for (int attempt = 0; attempt < 3; attempt++) {
            Integer number = newTransaction.execute(status -> {
                int updated = jdbc.update("UPDATE rule_change_id_counter SET last_number = last_number + 1 WHERE counter_year = ?", year);
                return updated == 0 ? null
                        : jdbc.queryForObject("SELECT last_number FROM rule_change_id_counter WHERE counter_year = ?", Integer.class, year);
            });
            if (number != null) {
                return String.format("RC-%d-%04d", year, number);
            }
            newTransaction.executeWithoutResult(status -> {
                try {
                    jdbc.update("INSERT INTO rule_change_id_counter (counter_year, last_number) VALUES (?, 0)", year);
                } catch (DuplicateKeyException anotherNodeWasFirst) {
                    // fine: the counter exists now
                }
            });
        }
        throw new IllegalStateException("Could not draw a rule change id for " + year + " after 3 attempts");
    }

    void insert(String id, String deploymentName, String submittedBy, Map<String, byte[]> resources) {
        jdbc.update("INSERT INTO rule_change (id, deployment_name, status, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?)",
                id, deploymentName, RuleChange.Status.PENDING.name(), submittedBy, Timestamp.from(clock.instant()));
        resources.forEach((name, content) -> jdbc.update(
                "INSERT INTO rule_change_resource (rule_change_id, resource_name, content) VALUES (?, ?, ?)", id, name, content));
    }

    void processStarted(String id, String processInstanceId) {
        jdbc.update("UPDATE rule_change SET process_instance_id = ? WHERE id = ?", processInstanceId, id);
    }

    /** Records the decision once: only a pending change can be decided. */
    boolean decide(String id, RuleChange.Status status, String decidedBy, String comment) {
        return jdbc.update("UPDATE rule_change SET status = ?, decided_by = ?, decided_at = ?, decision_comment = ?"
                        + " WHERE id = ? AND status = ?", status.name(), decidedBy, Timestamp.from(clock.instant()),
                comment, id, RuleChange.Status.PENDING.name()) == 1;
    }

    void deployed(String id, String deploymentId) {
        jdbc.update("UPDATE rule_change SET status = ?, deployment_id = ?, deployed_at = ? WHERE id = ?",
                RuleChange.Status.DEPLOYED.name(), deploymentId, Timestamp.from(clock.instant()), id);
    }

    Optional<RuleChange> find(String id) {
        return jdbc.query("SELECT * FROM rule_change WHERE id = ?", (rs, row) -> map(rs), id).stream().findFirst();
    }

    List<RuleChange> findAll(int max) {
        return jdbc.query("SELECT * FROM rule_change ORDER BY submitted_at DESC, id DESC", (rs, row) -> map(rs))
                .stream().limit(max).toList();
    }

    /** The stored files by name, in name order. */
    Map<String, byte[]> resources(String id) {
        Map<String, byte[]> resources = new LinkedHashMap<>();
        jdbc.query("SELECT resource_name, content FROM rule_change_resource WHERE rule_change_id = ? ORDER BY resource_name",
                rs -> {
                    resources.put(rs.getString(1), rs.getBytes(2));
                }, id);
        return resources;
    }

    private RuleChange map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String id = rs.getString("id");
        List<String> files = jdbc.queryForList(
                "SELECT resource_name FROM rule_change_resource WHERE rule_change_id = ? ORDER BY resource_name", String.class, id);
        return new RuleChange(id, rs.getString("deployment_name"), RuleChange.Status.valueOf(rs.getString("status")),
                rs.getString("submitted_by"), instant(rs.getTimestamp("submitted_at")), rs.getString("decided_by"),
                instant(rs.getTimestamp("decided_at")), rs.getString("decision_comment"), rs.getString("deployment_id"),
                instant(rs.getTimestamp("deployed_at")), rs.getString("process_instance_id"), files);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
