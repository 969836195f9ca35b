package io.upgradeorchestrator.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code action_run} table. Every write runs in its own transaction: the record of what was done to a target
 * must survive even when the caller's transaction (e.g. the engine's job) rolls back, and a failed insert of a
 * duplicate key must not poison the caller's transaction.
 */
@Repository
public class ActionRunRepository {

    private static final String COLUMNS = "id, idempotency_key, upgrade_id, target, action_name, kind, description,"
            + " status, attempts, exit_code, http_status, started_at, finished_at, duration_ms, output, omitted_bytes,"
            + " omitted_lines, pattern_counts, summary";
    private static final int DESCRIPTION_LENGTH = 4000;
    private static final int SUMMARY_LENGTH = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    ActionRunRepository(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public List<ActionRun> findByUpgradeId(String upgradeId) {
        return jdbc.query("select " + COLUMNS + " from action_run where upgrade_id = ? order by started_at, id",
                this::map, upgradeId);
    }

    public Optional<ActionRun> findByIdempotencyKey(String idempotencyKey) {
        return jdbc.query("select " + COLUMNS + " from action_run where idempotency_key = ?", this::map, idempotencyKey)
                .stream().findFirst();
    }

    /** The result of trying to become the one worker that runs a key. */
    sealed interface Claim {
        /** This caller runs it; the row is STARTED. */
        record Claimed(String id) implements Claim {
        }

        /** Someone already has it: finished (answer from the record) or still running. */
        record Taken(ActionRun run) implements Claim {
        }
    }

    /**
     * Inserts a STARTED row, or takes over an existing row that is ERROR or STARTED before {@code staleBefore}.
     * The unique key and compare-and-set on {@code attempts} make sure only one of several concurrent callers wins.
     */
    Claim claim(ActionRequest request, String description, Instant now, Instant staleBefore) {
        for (int round = 0; round < 3; round++) {
            String id = UUID.randomUUID().toString();
            try {
                inOwnTransaction(() -> jdbc.update("insert into action_run (id, idempotency_key, upgrade_id, target,"
                                + " action_name, kind, description, status, attempts, started_at, omitted_bytes, omitted_lines)"
                                + " values (?, ?, ?, ?, ?, ?, ?, 'STARTED', 1, ?, 0, 0)",
                        id, request.idempotencyKey(), request.upgradeId(), request.target(), request.actionName(),
                        request.spec().kind().name(), cut(description, DESCRIPTION_LENGTH), timestamp(now)));
                return new Claim.Claimed(id);
            } catch (DuplicateKeyException alreadyThere) {
                // fall through and look at the row that is there
            }
            Optional<ActionRun> existing = findByIdempotencyKey(request.idempotencyKey());
            if (existing.isEmpty()) {
                continue; // deleted in between; try the insert again
            }
            ActionRun run = existing.get();
            boolean retryable = run.status() == ActionRun.Status.ERROR
                    || run.status() == ActionRun.Status.STARTED && run.startedAt().isBefore(staleBefore);
            if (!retryable) {
                return new Claim.Taken(run);
            }
            int updated = inOwnTransaction(() -> jdbc.update("update action_run set status = 'STARTED',"
                            + " attempts = attempts + 1, description = ?, started_at = ?, finished_at = null, duration_ms = null"
                            + " where id = ? and attempts = ?",
                    cut(description, DESCRIPTION_LENGTH), timestamp(now), run.id(), run.attempts()));
            if (updated == 1) {
                return new Claim.Claimed(run.id());
            }
            // another worker took it over first; look again
        }
        throw new IllegalStateException("could not claim action run " + request.idempotencyKey());
    }

    ActionRun finish(String id, ActionOutcome outcome, Execution execution, String output, String summary,
                     Instant finishedAt) {
        inOwnTransaction(() -> jdbc.update("update action_run set status = ?, exit_code = ?, http_status = ?,"
                        + " finished_at = ?, duration_ms = ?, output = ?, omitted_bytes = ?, omitted_lines = ?,"
                        + " pattern_counts = ?, summary = ? where id = ?",
                outcome.name(), execution.exitCode(), execution.httpStatus(), timestamp(finishedAt),
                execution.duration().toMillis(), output, execution.omittedBytes(), execution.omittedLines(),
                execution.patternCounts().isEmpty() ? null : json(execution.patternCounts()),
                cut(summary, SUMMARY_LENGTH), id));
        return jdbc.queryForObject("select " + COLUMNS + " from action_run where id = ?", this::map, id);
    }

    /**
     * Records a run made elsewhere (a worker's step outcome) in the caller's transaction, so it is stored exactly when
     * the engine accepts the step's completion. A key already recorded is overwritten with the worker's answer: a run
     * of the application's own worker is the same row, a remote worker's replaces what an earlier attempt left.
     */
    public void importRun(ActionRun run) {
        Object[] values = {run.upgradeId(), run.target(), run.actionName(), run.kind().name(),
                cut(run.description(), DESCRIPTION_LENGTH), run.status().name(), run.attempts(), run.exitCode(),
                run.httpStatus(), run.startedAt() == null ? null : timestamp(run.startedAt()),
                run.finishedAt() == null ? null : timestamp(run.finishedAt()), run.durationMs(), run.output(),
                run.omittedBytes(), run.omittedLines(), run.patternCounts() == null || run.patternCounts().isEmpty()
                ? null : json(run.patternCounts()), cut(run.summary(), SUMMARY_LENGTH)};
        String set = "upgrade_id = ?, target = ?, action_name = ?, kind = ?, description = ?, status = ?, attempts = ?,"
                + " exit_code = ?, http_status = ?, started_at = ?, finished_at = ?, duration_ms = ?, output = ?,"
                + " omitted_bytes = ?, omitted_lines = ?, pattern_counts = ?, summary = ?";
        Object[] update = java.util.Arrays.copyOf(values, values.length + 2);
        update[values.length] = run.idempotencyKey();
        update[values.length + 1] = run.id();
        // the same run again (a retried completion) or one whose earlier attempt did not end; never another run's
        // recorded result: a worker's outcome must not rewrite the journal the orchestrator answers retries from
        if (jdbc.update("update action_run set " + set + " where idempotency_key = ? and (id = ? or status in"
                + " ('STARTED', 'ERROR'))", update) == 0) {
            if (jdbc.queryForObject("select count(*) from action_run where idempotency_key = ?", Integer.class,
                    run.idempotencyKey()) > 0) {
                throw new org.camunda.bpm.engine.BadUserRequestException("The action run " + run.idempotencyKey()
                        + " is recorded already with another result; a step's outcome cannot rewrite it");
            }
            Object[] insert = new Object[values.length + 2];
            insert[0] = run.id();
            insert[1] = run.idempotencyKey();
            System.arraycopy(values, 0, insert, 2, values.length);
            jdbc.update("insert into action_run (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?)", insert);
        }
    }

    private <T> T inOwnTransaction(Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }

    private ActionRun map(ResultSet row, int rowNumber) throws SQLException {
        return new ActionRun(row.getString("id"), row.getString("idempotency_key"), row.getString("upgrade_id"),
                row.getString("target"), row.getString("action_name"), ActionKind.valueOf(row.getString("kind")),
                row.getString("description"), ActionRun.Status.valueOf(row.getString("status")),
                row.getInt("attempts"), row.getObject("exit_code", Integer.class),
                row.getObject("http_status", Integer.class), instant(row, "started_at"), instant(row, "finished_at"),
                row.getObject("duration_ms", Long.class), row.getString("output"), row.getLong("omitted_bytes"),
                row.getLong("omitted_lines"), counts(row.getString("pattern_counts")), row.getString("summary"));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    private static String json(Map<String, Integer> counts) {
        try {
            return JSON.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Integer> counts(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Integer>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable pattern counts " + json, e);
        }
    }
}
