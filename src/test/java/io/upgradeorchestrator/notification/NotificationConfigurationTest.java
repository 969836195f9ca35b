package io.upgradeorchestrator.notification;

import static io.upgradeorchestrator.notification.MailFixtures.approvalModel;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The notification beans in a small Spring context, configured only by properties as in production. */
class NotificationConfigurationTest {

    @TempDir
    static Path outbox;

    @Nested
    @SpringBootTest(classes = {NotificationConfiguration.class, MailSenderAutoConfiguration.class},
            // An empty host, as in application.yaml: Spring Boot still creates a JavaMailSender.
            properties = "spring.mail.host=")
    class WithoutSmtpHost {

        @DynamicPropertySource
        static void outbox(DynamicPropertyRegistry registry) {
            registry.add("upgrade-orchestrator.mail.outbox", () -> outbox.toString());
        }

        @Autowired
        MailService mailService;

        @Test
        void writesToTheConfiguredOutbox() throws Exception {
            SentMail sent = mailService.send(new OutgoingMail(List.of("dba@example.org"), "approval-requested",
                    approvalModel()));

            assertThat(sent.outboxFile()).isNotNull().hasParent(outbox);
            assertThat(MailServiceOutboxTest.load(sent.outboxFile()).getFrom()[0].toString())
                    .isEqualTo("upgrade-orchestrator@localhost");
        }
    }

    @Nested
    @SpringBootTest(classes = {NotificationConfiguration.class, MailSenderAutoConfiguration.class},
            properties = {
                    "spring.mail.host=localhost",
                    "upgrade-orchestrator.mail.from=Upgrades <upgrades@example.org>",
                    "upgrade-orchestrator.public-url=https://upgrades.example.org"})
    class WithSmtpHost {

        // Spring (with the process-coverage listener) may build the context before GreenMail starts, so the
        // port is chosen up front instead of letting GreenMail pick one.
        static final int SMTP_PORT = freePort();

        @RegisterExtension
        static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.port(SMTP_PORT))
                .withPerMethodLifecycle(false);

        @DynamicPropertySource
        static void smtpPort(DynamicPropertyRegistry registry) {
            registry.add("spring.mail.port", () -> SMTP_PORT);
        }

        @Autowired
        MailService mailService;

        @Autowired
        CalendarInvite calendarInvite;

        @Test
        void sendsThroughTheConfiguredServer() throws Exception {
            SentMail sent = mailService.send(new OutgoingMail(List.of("dba@example.org"), "approval-requested",
                    approvalModel()));

            assertThat(sent.writtenToOutbox()).isFalse();
            assertThat(greenMail.getReceivedMessages()).singleElement().satisfies(message -> {
                assertThat(message.getFrom()[0].toString()).contains("upgrades@example.org");
                assertThat(message.getSubject()).startsWith("Approval needed: UPG-2026-0007");
            });
        }

        @Test
        void invitesAreOrganizedByTheSenderAddress() throws Exception {
            MailAttachment ics = calendarInvite.request(new UpgradeWindowEvent("UPG-2026-0007",
                    java.time.Instant.parse("2026-03-14T21:00:00Z"), java.time.Instant.parse("2026-03-15T01:00:00Z"),
                    "Maintenance", "", List.of("users@example.org"), 0));

            assertThat(new String(ics.content(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("ORGANIZER;CN=Upgrades:mailto:upgrades@example.org");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
