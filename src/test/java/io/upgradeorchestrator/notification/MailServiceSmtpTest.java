package io.upgradeorchestrator.notification;

import static io.upgradeorchestrator.notification.MailFixtures.approvalModel;
import static io.upgradeorchestrator.notification.MailFixtures.decisionModel;
import static io.upgradeorchestrator.notification.MailFixtures.userModel;
import static io.upgradeorchestrator.notification.MailFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Sends every template through a real SMTP server (GreenMail) and looks at what arrives. */
class MailServiceSmtpTest {

    // A dynamic port: other builds on the same machine may run GreenMail at the same time.
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path outbox;

    static Stream<Arguments> templates() {
        Map<String, Object> escalation = with(approvalModel(), "overdueSince", "2026-03-10 12:00 CET");
        Map<String, Object> completed = with(with(with(userModel(), "targetVersion", "16.4"),
                "whatChanged", List.of("Invoices can be exported as PDF/A")),
                "knownLimitations", "The yearly report takes longer");
        Map<String, Object> rolledBack = with(with(with(userModel(), "currentVersion", "15.6"),
                "targetVersion", "16.4"), "nextSteps", "A new date will be announced");
        Map<String, Object> alert = Map.of("upgradeId", "UPG-2026-0007", "systemName", "Billing DB",
                "probe", "p95 latency", "measured", "480 ms", "baseline", "200 ms", "threshold", "300 ms");
        return Stream.of(
                Arguments.of("approval-requested", approvalModel(),
                        "Approval needed: UPG-2026-0007 Billing DB 15.6 → 16.4",
                        List.of("Security fix", "Close CVE-2026-1234", "medium", "dba", "2026-03-10 12:00 CET",
                                "2026-03-14 22:00 CET – 2026-03-15 02:00 CET", "task=42")),
                Arguments.of("approval-reminder", approvalModel(),
                        "Reminder: approval needed: UPG-2026-0007 Billing DB 15.6 → 16.4",
                        List.of("still waiting", "needed by 2026-03-10 12:00 CET", "task=42")),
                Arguments.of("approval-escalated", escalation,
                        "Escalation: approval overdue: UPG-2026-0007 Billing DB 15.6 → 16.4",
                        List.of("overdue since 2026-03-10 12:00 CET", "dba", "task=42")),
                Arguments.of("upgrade-approved", decisionModel(),
                        "Approved: UPG-2026-0007 Billing DB 15.6 → 16.4",
                        List.of("approved by Jane Doe", "2026-03-14 22:00 CET")),
                Arguments.of("upgrade-rejected", decisionModel(),
                        "Rejected: UPG-2026-0007 Billing DB 15.6 → 16.4",
                        List.of("rejected by Jane Doe", "Restore test missing")),
                Arguments.of("upgrade-sent-back", decisionModel(),
                        "Changes requested: UPG-2026-0007 Billing DB 15.6 → 16.4",
                        List.of("sent back for changes by Jane Doe", "Restore test missing", "task=42")),
                Arguments.of("upgrade-announcement", userModel(),
                        "Planned maintenance: Billing DB, 2026-03-14 22:00 CET",
                        List.of("Billing is unavailable", "Reports are read-only", "Do not enter invoices",
                                "Do not start month-end runs", "Service desk, phone 4711",
                                "2026-03-15 02:00 CET")),
                Arguments.of("upgrade-reminder", userModel(),
                        "Reminder: Billing DB maintenance starts 2026-03-14 22:00 CET",
                        List.of("Do not enter invoices", "Service desk, phone 4711")),
                Arguments.of("upgrade-completed", completed,
                        "Billing DB is available again",
                        List.of("version 16.4", "PDF/A", "The yearly report takes longer", "Service desk")),
                Arguments.of("upgrade-rolled-back", rolledBack,
                        "Billing DB is available again on its previous version",
                        List.of("to version 16.4", "(version 15.6)", "A new date will be announced")),
                Arguments.of("upgrade-cancelled", with(userModel(), "reason", "A dependency is not ready"),
                        "Cancelled: planned maintenance of Billing DB, 2026-03-14 22:00 CET",
                        List.of("will not take place", "A dependency is not ready")),
                Arguments.of("monitoring-alert", alert,
                        "Monitoring alert: UPG-2026-0007 Billing DB: p95 latency at 480 ms",
                        List.of("480 ms", "200 ms", "300 ms", "roll back, fix forward, or accept",
                                "https://upgrades.example.org/camunda/app/tasklist/")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void sendsEveryTemplateWithSubjectRecipientsAndFacts(String template, Map<String, Object> model,
                                                          String subject, List<String> facts) throws Exception {
        SentMail sent = smtpMailService().send(
                new OutgoingMail(List.of("alice@example.org", "bob@example.org"), template, model));

        assertThat(sent.subject()).isEqualTo(subject);
        assertThat(sent.writtenToOutbox()).isFalse();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2); // one delivery per recipient
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo(subject);
        assertThat(MailFixtures.recipients(message, RecipientType.TO))
                .containsExactly("alice@example.org", "bob@example.org");
        assertThat(message.getFrom()[0].toString()).contains("upgrades@example.org");
        assertThat(message.getHeader(MailService.TEMPLATE_HEADER)).containsExactly(template);

        String html = MailFixtures.part(message, "text/html");
        String text = MailFixtures.part(message, "text/plain");
        assertThat(html).as("HTML part").contains("UPG-2026-0007").doesNotContain("null", "th:");
        assertThat(text).as("plain text part").contains("Billing DB")
                .doesNotContain("null", "</", "<p", "<t", "<b", "<li");
        for (String fact : facts) {
            assertThat(html.replace("&#39;", "'")).as("HTML part").contains(fact);
            assertThat(text).as("plain text part").contains(fact);
        }
    }

    @Test
    void approvalMailShowsTheFactsAsReadablePlainText() throws Exception {
        smtpMailService().send(new OutgoingMail(List.of("dba@example.org"), "approval-requested", approvalModel()));

        String text = MailFixtures.part(greenMail.getReceivedMessages()[0], "text/plain");
        assertThat(text).contains("Risk: medium\n", "Version: 15.6 → 16.4\n",
                "Open the approval task <https://upgrades.example.org/camunda/app/tasklist/default/#/?task=42>");
    }

    @Test
    void announcementCarriesTheCalendarInvite() throws Exception {
        CalendarInvite invites = new CalendarInvite(MailFixtures.settings(outbox).from(),
                java.time.Clock.fixed(MailFixtures.NOW, java.time.ZoneOffset.UTC));
        MailAttachment ics = invites.request(new UpgradeWindowEvent("UPG-2026-0007",
                Instant.parse("2026-03-14T21:00:00Z"), Instant.parse("2026-03-15T01:00:00Z"),
                "Maintenance: Billing DB", "Billing is unavailable.", List.of("users@example.org"), 0));

        smtpMailService().send(new OutgoingMail(List.of("users@example.org"), "upgrade-announcement", userModel(),
                List.of(ics)));

        List<BodyPart> attachments = MailFixtures.attachments(greenMail.getReceivedMessages()[0]);
        assertThat(attachments).hasSize(1);
        BodyPart attachment = attachments.get(0);
        assertThat(attachment.getFileName()).isEqualTo("upgrade.ics");
        assertThat(attachment.getContentType()).startsWith("text/calendar").contains("method=REQUEST");
        assertThat(CalendarInviteTest.parse(MailFixtures.bytes(attachment)).getProperty("METHOD"))
                .hasValueSatisfying(method -> assertThat(method.getValue()).isEqualTo("REQUEST"));
    }

    @Test
    void missingOptionalValuesAreLeftOutGracefully() throws Exception {
        Map<String, Object> minimal = new HashMap<>();
        minimal.put("upgradeId", "UPG-2026-0008");
        minimal.put("systemName", "Billing DB");
        minimal.put("targetVersion", "16.4");
        minimal.put("reason", "   ");
        minimal.put("purpose", null);

        SentMail sent = smtpMailService().send(
                new OutgoingMail(List.of("dba@example.org"), "approval-requested", minimal));

        assertThat(sent.subject()).isEqualTo("Approval needed: UPG-2026-0008 Billing DB 16.4");
        String body = MailFixtures.bodies(greenMail.getReceivedMessages()[0]);
        assertThat(body).doesNotContain("null", "Reason", "Purpose", "Window", "Decide by")
                .contains("https://upgrades.example.org/camunda/app/tasklist/");
    }

    @Test
    void multiLineTextKeepsItsLines() throws Exception {
        smtpMailService().send(new OutgoingMail(List.of("dba@example.org"), "upgrade-rejected",
                with(decisionModel(), "decisionReason", "Restore test missing.\nWindow overlaps quarter-end.")));

        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertThat(MailFixtures.part(message, "text/html"))
                .contains("Restore test missing.<br>Window overlaps quarter-end.");
        assertThat(MailFixtures.part(message, "text/plain"))
                .contains("Restore test missing.\nWindow overlaps quarter-end.");
    }

    @Test
    void missingRequiredValueFailsWithTheTemplateName() {
        Map<String, Object> model = approvalModel();
        model.remove("upgradeId");

        assertThatThrownBy(() -> smtpMailService().send(
                new OutgoingMail(List.of("dba@example.org"), "approval-requested", model)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("approval-requested").hasMessageContaining("upgradeId");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void unknownTemplateFailsClearly() {
        assertThatThrownBy(() -> smtpMailService().send(
                new OutgoingMail(List.of("dba@example.org"), "no-such-template", approvalModel())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-template").hasMessageContaining("templates/mail/");
    }

    @Test
    void noRecipientsIsRejected() {
        assertThatThrownBy(() -> smtpMailService().send(
                new OutgoingMail(List.of(), "approval-requested", approvalModel())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("approval-requested").hasMessageContaining("no recipients");
        assertThatThrownBy(() -> smtpMailService().send(
                new OutgoingMail(null, "approval-requested", approvalModel())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidRecipientIsRejected() {
        assertThatThrownBy(() -> smtpMailService().send(
                new OutgoingMail(List.of("not an address"), "approval-requested", approvalModel())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an address");
    }

    @Test
    void stoppedServerFailsWithTemplateRecipientAndServerMessage() {
        int port = greenMail.getSmtp().getPort();
        MailService service = smtpMailService();
        greenMail.stop();

        assertThatThrownBy(() -> service.send(
                new OutgoingMail(List.of("dba@example.org"), "approval-requested", approvalModel())))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("'approval-requested'")
                .hasMessageContaining("dba@example.org")
                .hasMessageContaining("localhost:" + port)
                .satisfies(e -> {
                    MailDeliveryException failure = (MailDeliveryException) e;
                    assertThat(failure.template()).isEqualTo("approval-requested");
                    assertThat(failure.recipients()).containsExactly("dba@example.org");
                });
    }

    @Test
    void wrongPortFailsWithMailDeliveryException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MailService service = MailFixtures.mailService(sender(closedPort), outbox);

        assertThatThrownBy(() -> service.send(
                new OutgoingMail(List.of("users@example.org"), "upgrade-announcement", userModel())))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("'upgrade-announcement'")
                .hasMessageContaining("users@example.org")
                .hasMessageContaining("localhost:" + closedPort);
    }

    private MailService smtpMailService() {
        return MailFixtures.mailService(sender(greenMail.getSmtp().getPort()), outbox);
    }

    static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("localhost");
        sender.setPort(port);
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", "3000");
        properties.setProperty("mail.smtp.timeout", "3000");
        sender.setJavaMailProperties(properties);
        return sender;
    }
}
