package io.upgradeorchestrator.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings shared by the mail parts of this package.
 *
 * @param from      sender address ({@code upgrade-orchestrator.mail.from}); also the calendar invite's organizer
 * @param outbox    folder for {@code .eml} files when no SMTP host is set ({@code upgrade-orchestrator.mail.outbox})
 * @param publicUrl base URL for links in mails ({@code upgrade-orchestrator.public-url}), without trailing slash
 */
record MailSettings(InternetAddress from, Path outbox, String publicUrl) {

    MailSettings {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(outbox, "outbox");
        if (publicUrl == null || publicUrl.isBlank()) {
            throw new IllegalArgumentException("upgrade-orchestrator.public-url must not be empty");
        }
        publicUrl = publicUrl.strip().replaceAll("/+$", "");
    }

    /** Parses the configured sender so a typo stops the application at start-up, not at the first mail. */
    static MailSettings of(String from, String outbox, String publicUrl) {
        try {
            return new MailSettings(new InternetAddress(from, true), Path.of(outbox), publicUrl);
        } catch (AddressException e) {
            throw new IllegalArgumentException(
                    "upgrade-orchestrator.mail.from is not a valid e-mail address: '" + from + "'", e);
        }
    }
}
