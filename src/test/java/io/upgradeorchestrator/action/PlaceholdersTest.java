package io.upgradeorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final ActionContext context = new ActionContext("UPG-7", "billing", "db-1", "db-1.example.org", "16.3",
            "16.4", "/backups/a b", Instant.parse("2025-03-01T10:00:00Z"));

    @Test
    void fillsInsideOneStringWithoutReinterpretingValues() {
        ActionContext tricky = new ActionContext("UPG-7", "$1 \\0", "{host}", "h", null, null, null, null);

        assertThat(Placeholders.fill("x-{systemId}-{node}", tricky)).isEqualTo("x-$1 \\0-{host}");
    }

    @Test
    void leavesOtherBracesAlone() {
        assertThat(Placeholders.fill("\\d{3} {} { node } {targetVersion}", context)).isEqualTo("\\d{3} {} { node } 16.4");
    }

    @Test
    void everyCommandArgumentIsFilledSeparately() {
        CommandSpec filled = (CommandSpec) Placeholders.fill(
                CommandSpec.of("tar", "-czf", "{backupLocation}/{node}.tgz", "--since={since}"), context);

        assertThat(filled.command()).containsExactly("tar", "-czf", "/backups/a b/db-1.tgz", "--since=2025-03-01T10:00:00Z");
    }

    @Test
    void sqlPlaceholdersBecomeBindParameters() {
        Placeholders.BoundQuery query = Placeholders.bind(
                "select 1 from t where v = {targetVersion} and n = {node}", context);

        assertThat(query.sql()).isEqualTo("select 1 from t where v = ? and n = ?");
        assertThat(query.parameters()).isEqualTo(List.of("16.4", "db-1"));
    }

    @Test
    void checkRejectsUnknownNamesAtLoadTime() {
        Placeholders.check("ssh {host} systemctl restart app-{targetVersion}");
        assertThatThrownBy(() -> Placeholders.check("rm -rf {userInput}"))
                .isInstanceOf(InvalidActionException.class).hasMessageContaining("unknown placeholder {userInput}");
    }
}
