package io.upgradeorchestrator.upgrade;

import java.time.Clock;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Draws the next upgrade id, {@code UPG-<year>-<number>}, from a database counter. The counter row is locked by
 * the UPDATE until commit, so two nodes of a cluster never draw the same number; a separate transaction keeps
 * the lock short and the number spent even if the caller's transaction rolls back (gaps are fine, duplicates
 * are not).
 */
@Component
public class UpgradeIdGenerator {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final Clock clock;

    public UpgradeIdGenerator(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    public String nextId() {
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        for (int attempt = 0; attempt < 3; attempt++) {
            Integer number = newTransaction.execute(status -> increment(year));
            if (number != null) {
                return String.format("UPG-%d-%04d", year, number);
            }
            // First id of the year: create the counter in a transaction of its own, because on PostgreSQL a
            // failed INSERT (another node was first) spoils the transaction it ran in.
            newTransaction.executeWithoutResult(status -> createCounter(year));
        }
        throw new IllegalStateException("Could not draw an upgrade id for " + year + " after 3 attempts");
    }

    /** The next number, or {@code null} when the year has no counter yet. */
    private Integer increment(int year) {
        int updated = jdbc.update("UPDATE upgrade_id_counter SET last_number = last_number + 1 WHERE counter_year = ?", year);
        if (updated == 0) {
            return null;
        }
        return jdbc.queryForObject("SELECT last_number FROM upgrade_id_counter WHERE counter_year = ?", Integer.class, year);
    }

    private void createCounter(int year) {
        try {
            jdbc.update("INSERT INTO upgrade_id_counter (counter_year, last_number) VALUES (?, 0)", year);
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            // fine: the counter exists now
        }
    }
}
