package io.upgradeorchestrator.notification;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What {@link MailService#send} did, worth keeping in the upgrade record.
 *
 * @param template   the template that was rendered
 * @param subject    the subject as sent
 * @param to         the recipients
 * @param sentAt     when the message was handed over
 * @param messageId  the message's {@code Message-ID} header
 * @param outboxFile the {@code .eml} file when no SMTP server is configured; {@code null} when sent by SMTP
 */
public record SentMail(String template, String subject, List<String> to, Instant sentAt, String messageId,
                       Path outboxFile) {

    public boolean writtenToOutbox() {
        return outboxFile != null;
    }
}
