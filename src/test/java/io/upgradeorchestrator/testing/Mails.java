package io.upgradeorchestrator.testing;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** Reads received mails the way a mail client would: attachments by file name, the plain-text body. */
public final class Mails {

    private Mails() {
    }

    public static InputStream attachment(Part mail, String fileName) throws Exception {
        for (Part each : parts(mail)) {
            if (fileName.equals(each.getFileName())) {
                return each.getInputStream();
            }
        }
        throw new AssertionError("No attachment " + fileName);
    }

    public static String text(Part mail) throws Exception {
        StringBuilder text = new StringBuilder();
        for (Part each : parts(mail)) {
            if (each.isMimeType("text/plain") && each.getFileName() == null) {
                text.append(each.getContent());
            }
        }
        return text.toString();
    }

    private static List<Part> parts(Part part) throws Exception {
        List<Part> all = new ArrayList<>();
        all.add(part);
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                all.addAll(parts(child));
            }
        }
        return all;
    }
}
