package io.upgradeorchestrator.action;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Runs a {@link FileReadSpec}: keeps the file's head up to the output bound and counts the rest. */
final class FileRead {

    private final int maxOutputBytes;

    FileRead(int maxOutputBytes) {
        this.maxOutputBytes = maxOutputBytes;
    }

    Execution execute(FileReadSpec spec) {
        long start = System.nanoTime();
        Path file = Path.of(spec.file());
        if (!Files.exists(file)) {
            return new Execution(ActionOutcome.FAILED, null, null, elapsed(start), "found no such file", null, "", 0,
                    0, Map.of());
        }
        if (Files.isDirectory(file)) {
            // a folder where the item's file should be: the item as declared is not there
            return new Execution(ActionOutcome.FAILED, null, null, elapsed(start), "found a directory, not a file",
                    null, "", 0, 0, Map.of());
        }
        BoundedOutput output = new BoundedOutput(maxOutputBytes);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                output.write(buffer, 0, read);
            }
        } catch (NoSuchFileException e) {
            // removed between the two looks: missing all the same
            return new Execution(ActionOutcome.FAILED, null, null, elapsed(start), "found no such file", null, "", 0,
                    0, Map.of());
        } catch (IOException e) {
            return Execution.error(elapsed(start), "could not read the file", HttpCheck.explain(e));
        }
        Duration duration = elapsed(start);
        return new Execution(ActionOutcome.SUCCEEDED, null, null, duration, "read " + (output.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + output.omittedBytes()) + " bytes in " + Execution.human(duration), null, output.text(),
                output.omittedBytes(), output.omittedLines(), Map.of());
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
