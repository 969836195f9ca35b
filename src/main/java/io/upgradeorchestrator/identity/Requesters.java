package io.upgradeorchestrator.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The requester of every upgrade, in the application's own table ({@code upgrade_identity}), written only by the
 * server: when the API draws an id for an authenticated caller, and when an upgrade starts. No process variable
 * reaches it, so a candidate who rewrites the {@code requester} variable changes nobody's rights.
 */
@Component
public class Requesters {

    /** The product's upgrade ids, {@code UPG-<year>-<number>}: the only business keys an upgrade may have. */
    public static final Pattern UPGRADE_ID = Pattern.compile("UPG-\\d{4}-\\d{4,9}");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final Clock clock;

    public Requesters(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    public static boolean isUpgradeId(String id) {
        return id != null && UPGRADE_ID.matcher(id).matches();
    }

    /** Reserves a freshly drawn id for the caller who will start it (own transaction, before the start). */
    public void reserve(String upgradeId, String requester) {
        newTransaction.executeWithoutResult(status -> jdbc.update(
                "INSERT INTO upgrade_identity (upgrade_id, requester, registered_at) VALUES (?, ?, ?)",
                upgradeId, requester, Timestamp.from(clock.instant())));
    }

    /**
     * Binds a reserved id to the process instance being started, in the start's own transaction. False when the
     * id was not reserved for this requester or is already in use.
     */
    public boolean claim(String upgradeId, String requester, String processInstanceId) {
        return jdbc.update("UPDATE upgrade_identity SET process_instance_id = ? WHERE upgrade_id = ? AND requester = ?"
                + " AND process_instance_id IS NULL", processInstanceId, upgradeId, requester) == 1;
    }

    /** Registers an upgrade whose id the start itself drew; a repeated id fails on the primary key. */
    public void register(String upgradeId, String requester, String processInstanceId) {
        try {
            jdbc.update("INSERT INTO upgrade_identity (upgrade_id, requester, process_instance_id, registered_at)"
                    + " VALUES (?, ?, ?, ?)", upgradeId, requester, processInstanceId, Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException taken) {
            throw new org.camunda.bpm.engine.BadUserRequestException("Upgrade id '" + upgradeId
                    + "' is already in use: upgrade ids are unique and assigned by the server");
        }
    }

    /**
     * For a phase the application started on its own (no upgrade around it, no person behind it: tests and
     * tools): records the requester it names, unless the id is on record already.
     */
    public void registerIfAbsent(String upgradeId, String requester, String processInstanceId) {
        if (upgradeId != null && requester != null && requesterOf(upgradeId).isEmpty()) {
            try {
                register(upgradeId, requester, processInstanceId);
            } catch (org.camunda.bpm.engine.BadUserRequestException reserved) {
                // an id reserved for another start: leave it to that start
            }
        }
    }

    /**
     * Who requested the upgrade: the server-set row, else (upgrades started before this table existed) the
     * engine's own start user, which is taken from the authenticated caller too.
     */
    public Optional<String> requesterOf(String upgradeId) {
        if (upgradeId == null) {
            return Optional.empty();
        }
        List<String> found = jdbc.queryForList("SELECT requester FROM upgrade_identity WHERE upgrade_id = ?"
                + " AND process_instance_id IS NOT NULL", String.class, upgradeId);
        if (!found.isEmpty()) {
            return Optional.of(found.get(0));
        }
        return jdbc.queryForList("SELECT START_USER_ID_ FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = ?"
                        + " AND PROC_DEF_KEY_ = 'systemUpgrade' AND START_USER_ID_ IS NOT NULL", String.class, upgradeId)
                .stream().findFirst();
    }

    /** The ids of the upgrades this person requested, newest first. */
    public List<String> upgradesRequestedBy(String requester) {
        return jdbc.queryForList("SELECT upgrade_id FROM upgrade_identity WHERE requester = ? AND process_instance_id"
                + " IS NOT NULL ORDER BY registered_at DESC", String.class, requester);
    }
}
