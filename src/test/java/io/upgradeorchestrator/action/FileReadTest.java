package io.upgradeorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a configuration file: its content within the bound, a missing file or a folder is a "no". */
class FileReadTest {

    @TempDir
    Path folder;

    private final FileRead read = new FileRead(16);

    @Test
    void readsTheFileKeepingItsHeadWithinTheBound() throws Exception {
        Path file = Files.writeString(folder.resolve("settings.properties"), "release=8.2.0\nmax_connections=100\n");

        Execution execution = read.execute(new FileReadSpec(file.toString()));

        assertThat(execution.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(execution.output()).isEqualTo("release=8.2.0\nma");
        assertThat(execution.omittedBytes()).isEqualTo(18);
        assertThat(execution.what()).startsWith("read 34 bytes");
    }

    @Test
    void aMissingFileOrAFolderIsANo() throws Exception {
        Execution missing = read.execute(new FileReadSpec(folder.resolve("absent").toString()));
        Execution directory = read.execute(new FileReadSpec(Files.createDirectory(folder.resolve("conf")).toString()));

        assertThat(missing.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(missing.what()).isEqualTo("found no such file");
        assertThat(directory.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(directory.what()).isEqualTo("found a directory, not a file");
    }
}
