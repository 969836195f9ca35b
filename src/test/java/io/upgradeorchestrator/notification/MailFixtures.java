package io.upgradeorchestrator.notification;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.mail.javamail.JavaMailSender;

/** Example models as the process fills them, and helpers to look into received messages. */
final class MailFixtures {

    static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    static final String FROM = "Upgrade Orchestrator <upgrades@example.org>";

    private MailFixtures() {
    }

    static MailService mailService(JavaMailSender smtp, Path outbox) {
        return new MailService(settings(outbox), smtp, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static MailSettings settings(Path outbox) {
        return MailSettings.of(FROM, outbox.toString(), "https://upgrades.example.org/");
    }

    static Map<String, Object> approvalModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("upgradeId", "UPG-2026-0007");
        model.put("systemName", "Billing DB");
        model.put("currentVersion", "15.6");
        model.put("targetVersion", "16.4");
        model.put("reason", "Security fix");
        model.put("purpose", "Close CVE-2026-1234 before the audit");
        model.put("urgency", "high");
        model.put("riskLevel", "medium");
        model.put("changeType", "normal");
        model.put("windowStart", "2026-03-14 22:00 CET");
        model.put("windowEnd", "2026-03-15 02:00 CET");
        model.put("approverGroup", "dba");
        model.put("taskLink", "https://upgrades.example.org/camunda/app/tasklist/default/#/?task=42");
        model.put("approvalDeadline", "2026-03-10 12:00 CET");
        return model;
    }

    static Map<String, Object> decisionModel() {
        Map<String, Object> model = approvalModel();
        model.put("decidedBy", "Jane Doe");
        model.put("decisionReason", "Restore test missing");
        return model;
    }

    static Map<String, Object> userModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("upgradeId", "UPG-2026-0007");
        model.put("systemName", "Billing DB");
        model.put("windowStart", "2026-03-14 22:00 CET");
        model.put("windowEnd", "2026-03-15 02:00 CET");
        model.put("expectedImpact", "Billing is unavailable for the whole window.");
        model.put("limitations", List.of("Reports are read-only from 21:00"));
        model.put("avoid", "Do not enter invoices\nDo not start month-end runs");
        model.put("contact", "Service desk, phone 4711");
        return model;
    }

    static Map<String, Object> with(Map<String, Object> model, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(model);
        copy.put(key, value);
        return copy;
    }

    static List<String> recipients(jakarta.mail.Message message, jakarta.mail.Message.RecipientType type)
            throws MessagingException {
        return message.getRecipients(type) == null ? List.of()
                : java.util.Arrays.stream(message.getRecipients(type))
                        .map(address -> ((InternetAddress) address).getAddress()).toList();
    }

    /** The decoded text/plain and text/html parts of a message, concatenated. */
    static String bodies(Part part) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder();
        collect(part, text, new ArrayList<>());
        return text.toString();
    }

    static String part(Part message, String mimeType) throws MessagingException, IOException {
        if (message.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(message.getDisposition())) {
            return ((String) message.getContent()).replace("\r\n", "\n"); // SMTP transports CRLF
        }
        if (message.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) message.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static List<BodyPart> attachments(Part message) throws MessagingException, IOException {
        List<BodyPart> attachments = new ArrayList<>();
        collect(message, new StringBuilder(), attachments);
        return attachments;
    }

    static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static void collect(Part part, StringBuilder text, List<BodyPart> attachments)
            throws MessagingException, IOException {
        if (part instanceof BodyPart bodyPart && Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            attachments.add(bodyPart);
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), text, attachments);
            }
        } else if (part.isMimeType("text/*")) {
            text.append(part.getContent()).append('\n');
        }
    }
}
