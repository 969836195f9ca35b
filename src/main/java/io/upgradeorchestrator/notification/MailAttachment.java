package io.upgradeorchestrator.notification;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file attached to an {@link OutgoingMail}.
 *
 * @param fileName    name shown to the recipient, e.g. {@code upgrade.ics}
 * @param contentType full MIME type including parameters, e.g. {@code text/calendar; method=REQUEST; charset=UTF-8}
 * @param content     the file's bytes
 */
public record MailAttachment(String fileName, String contentType, byte[] content) {

    public MailAttachment {
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("Mail attachment needs a file name");
        }
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("Mail attachment '" + fileName + "' needs a content type");
        }
        Objects.requireNonNull(content, () -> "Mail attachment '" + fileName + "' has no content");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    // Records compare arrays by identity; attachments are values, so compare the bytes.
    @Override
    public boolean equals(Object other) {
        return other instanceof MailAttachment that
                && fileName.equals(that.fileName)
                && contentType.equals(that.contentType)
                && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "MailAttachment[" + fileName + ", " + contentType + ", " + content.length + " bytes]";
    }
}
