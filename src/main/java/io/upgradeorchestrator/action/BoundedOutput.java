package io.upgradeorchestrator.action;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the first {@code limit} bytes of an output and counts the rest, so a command printing gigabytes
 * costs a fixed amount of memory. Also remembers the last non-blank line, which is usually the one that
 * explains a failure, for the one-line summary.
 */
final class BoundedOutput {

    private static final int MAX_LINE = 512;

    private final int limit;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final ByteArrayOutputStream currentLine = new ByteArrayOutputStream();
    private long omittedBytes;
    private long omittedLines;
    private boolean omittedPartialLine;
    private String lastLine;

    BoundedOutput(int limit) {
        this.limit = limit;
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        int kept = Math.max(0, Math.min(length, limit - head.size()));
        head.write(bytes, offset, kept);
        omittedBytes += length - kept;
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (i >= offset + kept) {
                omittedPartialLine = true;
            }
            if (b == '\n') {
                endLine();
            } else if (currentLine.size() < MAX_LINE) {
                currentLine.write(b);
            }
        }
    }

    synchronized void write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(bytes, 0, bytes.length);
    }

    private void endLine() {
        String line = currentLine.toString(StandardCharsets.UTF_8).strip();
        if (!line.isEmpty()) {
            lastLine = line;
        }
        currentLine.reset();
        if (omittedPartialLine) {
            omittedLines++;
            omittedPartialLine = false;
        }
    }

    synchronized String text() {
        return head.toString(StandardCharsets.UTF_8);
    }

    synchronized long omittedBytes() {
        return omittedBytes;
    }

    /** Lines wholly or partly beyond the limit (a final line without newline counts too). */
    synchronized long omittedLines() {
        return omittedLines + (omittedPartialLine ? 1 : 0);
    }

    synchronized String lastLine() {
        String pending = currentLine.toString(StandardCharsets.UTF_8).strip();
        return pending.isEmpty() ? lastLine : pending;
    }
}
