package io.upgradeorchestrator.notification;

import java.util.List;

/**
 * Where {@link MailService} records every mail it sent, so the upgrade record can say who was told what and when.
 * Recording must never undo a mail that went out: implementations write in their own transaction.
 */
public interface MailLog {

    /** Records nothing: for tests of the mail itself and for tools without a database. */
    MailLog NONE = new MailLog() {
        @Override
        public void record(SentMail mail, String upgradeId, List<String> attachments) {
        }

        @Override
        public List<Entry> findByUpgradeId(String upgradeId) {
            return List.of();
        }
    };

    /**
     * @param upgradeId   the upgrade the mail belongs to, or {@code null}
     * @param attachments the file names attached
     */
    void record(SentMail mail, String upgradeId, List<String> attachments);

    /** The mails of one upgrade, oldest first. */
    List<Entry> findByUpgradeId(String upgradeId);

    /** One recorded mail. */
    record Entry(java.time.Instant sentAt, String template, String subject, List<String> recipients,
                 String upgradeId, String messageId, List<String> attachments) {
    }
}
