package io.upgradeorchestrator.files;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where backups and test restores go, under {@code upgrade-orchestrator.backup}.
 *
 * @param directory        backups, one folder per upgrade ({@code <directory>/<upgradeId>/…})
 * @param scratchDirectory test restores, one folder per upgrade; may be deleted at any time
 */
@ConfigurationProperties("upgrade-orchestrator.backup")
public record BackupProperties(
        @DefaultValue("data/backups") Path directory,
        @DefaultValue("data/scratch") Path scratchDirectory) {
}
