package io.upgradeorchestrator.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code mail_log} table (Flyway V6). Writes in its own transaction, like the record of action runs. */
class JdbcMailLog implements MailLog {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    JdbcMailLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void record(SentMail mail, String upgradeId, List<String> attachments) {
        ownTransaction.executeWithoutResult(status -> jdbc.update("insert into mail_log (id, sent_at, template,"
                        + " subject, recipients, upgrade_id, message_id, attachments) values (?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), mail.sentAt().atOffset(ZoneOffset.UTC), mail.template(),
                cut(mail.subject(), 1000), cut(String.join(", ", mail.to()), 4000), upgradeId,
                cut(mail.messageId(), 500), attachments.isEmpty() ? null : cut(String.join(", ", attachments), 1000)));
    }

    @Override
    public List<Entry> findByUpgradeId(String upgradeId) {
        return jdbc.query("select sent_at, template, subject, recipients, upgrade_id, message_id, attachments"
                + " from mail_log where upgrade_id = ? order by sent_at, id", this::map, upgradeId);
    }

    private Entry map(ResultSet row, int rowNumber) throws SQLException {
        OffsetDateTime sentAt = row.getObject("sent_at", OffsetDateTime.class);
        return new Entry(sentAt == null ? null : sentAt.toInstant(), row.getString("template"),
                row.getString("subject"), split(row.getString("recipients")), row.getString("upgrade_id"),
                row.getString("message_id"), split(row.getString("attachments")));
    }

    private static List<String> split(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
