package io.upgradeorchestrator.notification;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One e-mail to send: who gets it, which template under {@code templates/mail/} renders it, the values the
 * template shows, and any files to attach. The subject is part of the template, so wording lives in one file.
 *
 * @param to          recipient addresses; at least one is required when sending
 * @param template    template name without extension, e.g. {@code approval-requested}
 * @param model       values for the template; null or blank values count as "not given"
 * @param attachments files to attach, e.g. a calendar invite from {@link CalendarInvite}
 */
public record OutgoingMail(List<String> to, String template, Map<String, Object> model,
                           List<MailAttachment> attachments) {

    public OutgoingMail {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("Outgoing mail needs a template name");
        }
        to = to == null ? List.of() : List.copyOf(to);
        // A LinkedHashMap rather than Map.copyOf: process variables may legitimately be null.
        model = model == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(model));
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public OutgoingMail(List<String> to, String template, Map<String, Object> model) {
        this(to, template, model, List.of());
    }
}
