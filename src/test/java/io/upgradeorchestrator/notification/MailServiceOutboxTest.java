package io.upgradeorchestrator.notification;

import static io.upgradeorchestrator.notification.MailFixtures.approvalModel;
import static io.upgradeorchestrator.notification.MailFixtures.userModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an SMTP server, mails become .eml files that any mail client (and JavaMail) can open. */
class MailServiceOutboxTest {

    @TempDir
    Path tempDir;

    @Test
    void writesAParseableEmlFile() throws Exception {
        Path outbox = tempDir.resolve("data/mail"); // created on first use
        MailService service = MailFixtures.mailService(null, outbox);

        SentMail sent = service.send(new OutgoingMail(List.of("dba@example.org", "cab@example.org"),
                "approval-requested", approvalModel()));

        assertThat(sent.writtenToOutbox()).isTrue();
        Path file = sent.outboxFile();
        assertThat(file.getParent()).isEqualTo(outbox);
        assertThat(file.getFileName().toString())
                .isEqualTo("20260301-093000-000_approval-requested_UPG-2026-0007.eml");

        MimeMessage message = load(file);
        assertThat(message.getSubject()).isEqualTo("Approval needed: UPG-2026-0007 Billing DB 15.6 → 16.4");
        assertThat(MailFixtures.recipients(message, RecipientType.TO))
                .containsExactly("dba@example.org", "cab@example.org");
        assertThat(message.getFrom()[0].toString()).contains("upgrades@example.org");
        assertThat(message.getSentDate().toInstant()).isEqualTo(MailFixtures.NOW);
        assertThat(message.getMessageID()).isNotBlank().isEqualTo(sent.messageId());
        assertThat(MailFixtures.part(message, "text/plain")).contains("Security fix");
        assertThat(MailFixtures.part(message, "text/html")).contains("Security fix");
    }

    @Test
    void keepsAttachments() throws Exception {
        MailService service = MailFixtures.mailService(null, tempDir);
        MailAttachment ics = new CalendarInvite(MailFixtures.settings(tempDir).from(), Clock.systemUTC())
                .request(new UpgradeWindowEvent("UPG-2026-0007", Instant.parse("2026-03-14T21:00:00Z"),
                        Instant.parse("2026-03-15T01:00:00Z"), "Maintenance: Billing DB", "", List.of("users@example.org"), 0));

        SentMail sent = service.send(new OutgoingMail(List.of("users@example.org"), "upgrade-announcement",
                userModel(), List.of(ics)));

        List<BodyPart> attachments = MailFixtures.attachments(load(sent.outboxFile()));
        assertThat(attachments).hasSize(1);
        assertThat(attachments.get(0).getFileName()).isEqualTo("upgrade.ics");
        assertThat(MailFixtures.bytes(attachments.get(0))).isEqualTo(ics.content());
    }

    @Test
    void twoMailsInTheSameMillisecondGetTwoFiles() {
        MailService service = MailFixtures.mailService(null, tempDir); // fixed clock

        Path first = service.send(new OutgoingMail(List.of("a@example.org"), "approval-requested",
                approvalModel())).outboxFile();
        Path second = service.send(new OutgoingMail(List.of("b@example.org"), "approval-requested",
                approvalModel())).outboxFile();

        assertThat(second).isNotEqualTo(first);
        assertThat(second.getFileName().toString()).endsWith("_approval-requested_UPG-2026-0007-2.eml");
    }

    @Test
    void unwritableOutboxFailsWithMailDeliveryException() throws Exception {
        Path notAFolder = Files.writeString(tempDir.resolve("outbox"), "a file, not a folder");
        MailService service = new MailService(MailFixtures.settings(notAFolder), null,
                Clock.fixed(MailFixtures.NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> service.send(new OutgoingMail(List.of("dba@example.org"), "approval-requested",
                approvalModel())))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("'approval-requested'")
                .hasMessageContaining("dba@example.org")
                .hasMessageContaining("outbox folder");
    }

    static MimeMessage load(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }
}
