package io.upgradeorchestrator.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafePathsTest {

    @TempDir
    Path root;

    @Test
    void shouldResolveIdsUnderTheRoot() {
        Path backup = SafePaths.under(root, "UPG-2026-0001", "final-1234", "billing-db-fra-1.tar.gz");

        assertThat(backup).isEqualTo(root.toAbsolutePath().normalize()
                .resolve("UPG-2026-0001/final-1234/billing-db-fra-1.tar.gz"));
        assertThat(backup.isAbsolute()).isTrue();
    }

    @Test
    void shouldNormaliseARelativeRoot() {
        Path backup = SafePaths.under(Path.of("target/../target/test-data/backups"), "UPG-2026-0001");

        assertThat(backup).isEqualTo(Path.of("target/test-data/backups/UPG-2026-0001").toAbsolutePath().normalize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "..", ".", "../UPG-2026-0001", "UPG-2026-0001/../../x", "UPG-2026-0001/x",
            "/etc/passwd", "/tmp", "C:\\Windows", "..\\x", ".hidden", "-rf", "a b", "a\u0000b", "UPG-2026-0001\n",
            "ü"})
    void shouldRefuseWhatIsNotOneSafeSegment(String segment) {
        assertThatThrownBy(() -> SafePaths.under(root, segment))
                .isInstanceOf(SafePaths.UnsafePathException.class)
                .hasMessageContaining("cannot name a file or folder");
        assertThatThrownBy(() -> SafePaths.under(root, "UPG-2026-0001", segment, "node-1.tar.gz"))
                .isInstanceOf(SafePaths.UnsafePathException.class);
    }

    @Test
    void shouldRefuseEmptyAndMissingSegments() {
        assertThatThrownBy(() -> SafePaths.under(root, "")).isInstanceOf(SafePaths.UnsafePathException.class)
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> SafePaths.under(root, (String) null))
                .isInstanceOf(SafePaths.UnsafePathException.class);
        assertThatThrownBy(() -> SafePaths.under(root)).isInstanceOf(SafePaths.UnsafePathException.class)
                .hasMessageContaining("is not inside");
    }

    @Test
    void shouldRefuseAnOverlongSegmentWithAShortMessage() {
        String id = "x".repeat(5000);

        assertThatThrownBy(() -> SafePaths.segment("upgrade id", id))
                .isInstanceOf(SafePaths.UnsafePathException.class)
                .hasMessageStartingWith("upgrade id 'xxx")
                .hasMessageContaining("(5000 characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void shouldNameTheValueInTheMessage() {
        assertThatThrownBy(() -> SafePaths.segment("node id", "../../x"))
                .hasMessageStartingWith("node id '../../x' cannot name a file or folder");
        assertThat(SafePaths.segment("node id", "billing-db-fra-1")).isEqualTo("billing-db-fra-1");
    }
}
