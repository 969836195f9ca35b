package io.upgradeorchestrator.action;

import static io.upgradeorchestrator.action.Execution.human;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Runs a {@link LogScanSpec}: streams the log line by line, counts matches per pattern, keeps matched lines bounded. */
final class LogScan {

    private final ProcessExecutor processes;
    private final int maxOutputBytes;
    private final Duration commandTimeout;
    private final ZoneId logTimeZone;

    LogScan(ProcessExecutor processes, int maxOutputBytes, Duration commandTimeout, ZoneId logTimeZone) {
        this.processes = processes;
        this.maxOutputBytes = maxOutputBytes;
        this.commandTimeout = commandTimeout;
        this.logTimeZone = logTimeZone;
    }

    Execution execute(LogScanSpec spec, Instant since) {
        // only a file is filtered by time; a command selects its own lines (see LogScanSpec)
        Lines lines = new Lines(spec.patterns(), spec.file() != null ? since : null, logTimeZone, maxOutputBytes);
        long start = System.nanoTime();
        if (spec.file() != null) {
            try (InputStream in = Files.newInputStream(Path.of(spec.file()))) {
                byte[] buffer = new byte[8192];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    lines.write(buffer, 0, read);
                }
            } catch (IOException e) {
                return Execution.error(elapsed(start), "could not read the log", HttpCheck.explain(e));
            }
        } else {
            ProcessExecutor.Finished finished = processes.run(spec.command(), null, Map.of(), commandTimeout, lines::write);
            if (finished.startFailure() != null) {
                return Execution.error(finished.duration(), "could not start", finished.startFailure());
            }
            if (finished.cancelled() != null) {
                return Execution.error(finished.duration(), "was cancelled and killed", finished.cancelled());
            }
            if (finished.timedOut() || finished.exitCode() != 0) {
                return Execution.error(finished.duration(), finished.timedOut()
                        ? "timed out after " + human(commandTimeout) + " and was killed"
                        : "exited " + finished.exitCode() + " after " + human(finished.duration()), lines.matched.lastLine());
            }
        }
        lines.finish();
        Duration duration = elapsed(start);

        boolean crossed = false;
        String firstOffending = null;
        for (LogPattern pattern : spec.patterns()) {
            if (lines.counts.get(pattern.name()) > pattern.threshold()) {
                crossed = true;
                firstOffending = firstOffending != null ? firstOffending : lines.firstMatch.get(pattern.name());
            }
        }
        String counts = spec.patterns().stream()
                .map(p -> p.name() + " " + lines.counts.get(p.name()) + " (allowed " + p.threshold() + ")")
                .collect(Collectors.joining(", "));
        String what = "found " + counts + " in " + lines.scanned + " lines"
                + (lines.since != null ? " since " + lines.since : "")
                + (lines.since != null && !lines.sawTimestamp ? " (no timestamps found, whole log scanned)" : "")
                + " after " + human(duration);
        return new Execution(crossed ? ActionOutcome.FAILED : ActionOutcome.SUCCEEDED, null, null, duration, what,
                firstOffending, lines.matched.text(), lines.matched.omittedBytes(), lines.matched.omittedLines(),
                Collections.unmodifiableMap(lines.counts));
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Splits bytes into lines, decides whether each is recent enough, and matches it. */
    private static final class Lines {

        /** {@code 2025-03-01 10:15:02,123}, {@code [2025-03-01T10:15:02.5+01:00]}, {@code 2025-03-01T10:15:02Z} … */
        private static final Pattern TIMESTAMP = Pattern.compile(
                "^\\[?(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d{1,9}))?\\s?(Z|[+-]\\d{2}:?\\d{2})?");
        private static final int MAX_LINE = 64 * 1024;

        private final Map<String, Pattern> patterns = new LinkedHashMap<>();
        private final Instant since;
        private final ZoneId zone;
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        private final Map<String, String> firstMatch = new LinkedHashMap<>();
        private final BoundedOutput matched;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean recent = true; // lines before the first timestamp count: better a false alarm than a miss
        private boolean sawTimestamp;
        private long scanned;
        private boolean finished;

        Lines(List<LogPattern> patterns, Instant since, ZoneId zone, int maxOutputBytes) {
            patterns.forEach(p -> {
                this.patterns.put(p.name(), Pattern.compile(p.regex()));
                counts.put(p.name(), 0);
            });
            this.since = since;
            this.zone = zone;
            this.matched = new BoundedOutput(maxOutputBytes);
        }

        // synchronized, and closed by finish(): a background child of a log command may still write after we stopped
        // waiting for it, and must not change the counts while they are read
        synchronized void write(byte[] bytes, int offset, int length) {
            if (finished) {
                return;
            }
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    endLine();
                } else if (line.size() < MAX_LINE) {
                    line.write(bytes[i]);
                }
            }
        }

        synchronized void finish() {
            if (!finished && line.size() > 0) {
                endLine();
            }
            finished = true;
        }

        private void endLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            line.reset();
            if (since != null) {
                Instant time = timestamp(text);
                if (time != null) {
                    sawTimestamp = true;
                    recent = !time.isBefore(since);
                }
            }
            if (!recent) {
                return;
            }
            scanned++;
            boolean any = false;
            for (Map.Entry<String, Pattern> pattern : patterns.entrySet()) {
                if (pattern.getValue().matcher(text).find()) {
                    counts.merge(pattern.getKey(), 1, Integer::sum);
                    firstMatch.putIfAbsent(pattern.getKey(), text.strip());
                    any = true;
                }
            }
            if (any) {
                matched.write(text + "\n");
            }
        }

        private Instant timestamp(String text) {
            Matcher m = TIMESTAMP.matcher(text);
            if (!m.find()) {
                return null;
            }
            try {
                LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2)
                        + (m.group(3) != null ? "." + m.group(3) : ""));
                String offset = m.group(4);
                return offset == null ? local.atZone(zone).toInstant()
                        : local.toInstant(offset.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset));
            } catch (DateTimeParseException e) {
                return null; // looked like a timestamp but is not one (month 13 …): treat as continuation
            }
        }
    }
}
