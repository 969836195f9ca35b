package io.upgradeorchestrator.notification;

import java.util.List;

/**
 * A mail could not be handed to the SMTP server or written to the outbox. Thrown, never swallowed: mails are
 * sent from asynchronous service tasks, so this becomes a job retry and, when retries run out, an incident
 * whose message tells operations which mail to whom failed and what the server said.
 */
public class MailDeliveryException extends RuntimeException {

    private final String template;
    private final List<String> recipients;

    MailDeliveryException(String template, List<String> recipients, String where, Throwable cause) {
        super("Mail '" + template + "' to " + recipients + " could not be delivered via " + where + ": "
                + describe(cause), cause);
        this.template = template;
        this.recipients = List.copyOf(recipients);
    }

    public String template() {
        return template;
    }

    public List<String> recipients() {
        return recipients;
    }

    /** The messages along the cause chain, e.g. "Mail server connection failed; ...; Connection refused". */
    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (!text.toString().contains(message)) {
                text.append(text.isEmpty() ? "" : "; ").append(message);
            }
        }
        return text.toString();
    }
}
