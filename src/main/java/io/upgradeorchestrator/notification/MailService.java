package io.upgradeorchestrator.notification;

import io.upgradeorchestrator.notification.MailRenderer.RenderedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import io.upgradeorchestrator.files.SafePaths;

/**
 * Sends templated e-mails: renders the template (subject from its {@code <title>}, HTML plus a plain-text
 * alternative) and hands the message to the SMTP server, or, when no server is configured
 * ({@code spring.mail.host} empty), writes it as an RFC 822 {@code .eml} file into the outbox folder.
 *
 * <p>Every failure is thrown: callers are asynchronous BPMN service tasks, where an exception becomes a retry
 * and then an incident. A swallowed error would be a lost message nobody knows about.
 */
public class MailService {

    /** Lets operators and tests find out which template produced a message. */
    static final String TEMPLATE_HEADER = "X-Upgrade-Orchestrator-Template";

    private static final Logger log = LoggerFactory.getLogger(MailService.class);
    private static final DateTimeFormatter FILE_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final MailRenderer renderer;
    private final MailSettings settings;
    private final JavaMailSender smtp;
    private final Clock clock;
    private final MailLog mailLog;

    /**
     * @param smtp the SMTP sender, or {@code null} to write every mail to the outbox folder instead
     */
    MailService(MailSettings settings, JavaMailSender smtp, Clock clock) {
        this(settings, smtp, clock, MailLog.NONE);
    }

    /**
     * @param mailLog where every sent mail is recorded (template, subject, recipients, the model's upgradeId)
     */
    MailService(MailSettings settings, JavaMailSender smtp, Clock clock, MailLog mailLog) {
        this.renderer = new MailRenderer(settings.publicUrl());
        this.settings = settings;
        this.smtp = smtp;
        this.clock = clock;
        this.mailLog = mailLog;
    }

    /**
     * Renders and sends one mail.
     *
     * @return what was sent, including the {@code .eml} file when written to the outbox
     * @throws IllegalArgumentException when there is no or an invalid recipient, or the template cannot be rendered
     * @throws MailDeliveryException    when the SMTP server or the outbox folder does not take the message
     */
    public SentMail send(OutgoingMail mail) {
        InternetAddress[] recipients = recipients(mail);
        RenderedMail rendered = renderer.render(mail.template(), mail.model());
        Instant now = clock.instant();
        MimeMessage message = compose(mail, recipients, rendered, now);
        Path file = smtp == null ? writeToOutbox(mail, message, now) : deliver(mail, message);
        String messageId = messageId(message);
        if (file == null) {
            log.info("Sent mail '{}' to {}: \"{}\" ({})", mail.template(), mail.to(), rendered.subject(), messageId);
        } else {
            log.info("No SMTP host configured; wrote mail '{}' to {} as {}", mail.template(), mail.to(), file);
        }
        SentMail sent = new SentMail(mail.template(), rendered.subject(), mail.to(), now, messageId, file);
        record(mail, sent);
        return sent;
    }

    /**
     * The mail is out: a failure to record it is logged, not thrown, because a thrown error would make the job
     * retry and send the same mail again.
     */
    private void record(OutgoingMail mail, SentMail sent) {
        Object upgradeId = mail.model().get("upgradeId");
        try {
            mailLog.record(sent, upgradeId == null || upgradeId.toString().isBlank() ? null : upgradeId.toString().strip(),
                    mail.attachments().stream().map(MailAttachment::fileName).toList());
        } catch (RuntimeException e) {
            log.error("Mail '{}' to {} was sent but could not be recorded in the mail log", mail.template(),
                    mail.to(), e);
        }
    }

    private static InternetAddress[] recipients(OutgoingMail mail) {
        if (mail.to().isEmpty()) {
            throw new IllegalArgumentException("Mail '" + mail.template() + "' has no recipients: "
                    + "give at least one address in 'to' (check the recipient list of the process step)");
        }
        InternetAddress[] addresses = new InternetAddress[mail.to().size()];
        for (int i = 0; i < addresses.length; i++) {
            String address = mail.to().get(i);
            try {
                addresses[i] = new InternetAddress(address == null ? "" : address.strip(), true);
            } catch (AddressException e) {
                throw new IllegalArgumentException("Mail '" + mail.template() + "' has an invalid recipient '"
                        + address + "': " + e.getMessage(), e);
            }
        }
        return addresses;
    }

    private MimeMessage compose(OutgoingMail mail, InternetAddress[] recipients, RenderedMail rendered,
                                Instant now) {
        MimeMessage message = smtp == null
                ? new MimeMessage(Session.getInstance(new Properties()))
                : smtp.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message,
                    MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, StandardCharsets.UTF_8.name());
            helper.setFrom(settings.from());
            helper.setTo(recipients);
            helper.setSubject(rendered.subject());
            helper.setSentDate(Date.from(now));
            helper.setText(rendered.text(), rendered.html());
            for (MailAttachment attachment : mail.attachments()) {
                helper.addAttachment(attachment.fileName(),
                        new ByteArrayDataSource(attachment.content(), attachment.contentType()));
            }
            message.setHeader(TEMPLATE_HEADER, mail.template());
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot compose mail '" + mail.template() + "' to " + mail.to()
                    + ": " + e.getMessage(), e);
        }
    }

    private Path deliver(OutgoingMail mail, MimeMessage message) {
        try {
            smtp.send(message);
            return null;
        } catch (MailException e) {
            throw new MailDeliveryException(mail.template(), mail.to(), smtpServer(), e);
        }
    }

    private String smtpServer() {
        if (smtp instanceof JavaMailSenderImpl impl) {
            return "SMTP server " + impl.getHost() + (impl.getPort() > 0 ? ":" + impl.getPort() : "");
        }
        return "the SMTP server";
    }

    private Path writeToOutbox(OutgoingMail mail, MimeMessage message, Instant now) {
        Path folder = settings.outbox();
        try {
            Files.createDirectories(folder);
            // Headers such as Message-ID and the MIME boundaries are only set by saveChanges().
            message.saveChanges();
            String baseName = FILE_TIMESTAMP.format(now) + "_" + fileNamePart(mail.template())
                    + upgradeIdSuffix(mail);
            for (int attempt = 1; ; attempt++) {
                Path file = SafePaths.under(folder, baseName + (attempt == 1 ? "" : "-" + attempt) + ".eml");
                // CREATE_NEW: two mails in the same millisecond must not overwrite each other.
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                    message.writeTo(out);
                    return file;
                } catch (FileAlreadyExistsException taken) {
                    // try the next suffix
                }
            }
        } catch (IOException | MessagingException e) {
            throw new MailDeliveryException(mail.template(), mail.to(),
                    "outbox folder " + folder.toAbsolutePath(), e);
        }
    }

    /** Puts the upgrade id into the file name so operators find an upgrade's mails with a glance. */
    private static String upgradeIdSuffix(OutgoingMail mail) {
        Object upgradeId = mail.model().get("upgradeId");
        if (upgradeId == null || upgradeId.toString().isBlank()) {
            return "";
        }
        String id = upgradeId.toString().strip();
        return "_" + fileNamePart(id.length() <= 40 ? id : id.substring(0, 40));
    }

    private static String fileNamePart(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }
}
