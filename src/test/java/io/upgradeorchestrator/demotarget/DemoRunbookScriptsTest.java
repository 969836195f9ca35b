package io.upgradeorchestrator.demotarget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo runbook scripts change the demo node's folders as they claim: run for real in a temporary folder. */
class DemoRunbookScriptsTest {

    private static final Path SCRIPTS = Path.of("inventory/demo-runbook").toAbsolutePath();

    @TempDir
    Path root;

    private Path node;
    private Path backup;

    @BeforeEach
    void provision() throws Exception {
        assertThat(run("provision.sh", root, "db-test-1", "15.6").exitCode).isZero();
        node = root.resolve("db-test-1");
        backup = root.resolve("backups/db-test-1.tar.gz");
    }

    @Test
    void provisionCreatesANodeRunningTheVersionAndLeavesAnExistingNodeAlone() throws Exception {
        assertThat(Files.readSymbolicLink(node.resolve("current"))).isEqualTo(Path.of("releases/15.6"));
        assertThat(Files.readString(node.resolve("current/VERSION")).strip()).isEqualTo("15.6");
        assertThat(Files.readString(node.resolve("config/settings.properties"))).contains("release=15.6");
        assertThat(Files.readAllLines(node.resolve("data/invoices.csv"))).hasSize(6)
                .first().isEqualTo("id;customer;amount_cents");

        Result again = run("provision.sh", root, "db-test-1", "16.4");

        assertThat(again.exitCode).isZero();
        assertThat(again.output).contains("already provisioned, running 15.6");
        assertThat(Files.readSymbolicLink(node.resolve("current"))).isEqualTo(Path.of("releases/15.6"));
    }

    @Test
    void backupIsAVerifiableArchiveThatRestoresIntoAnotherFolder() throws Exception {
        assertThat(run("backup.sh", root, "db-test-1", backup).exitCode).isZero();
        assertThat(backup).isRegularFile();
        assertThat(Files.size(backup)).isPositive();
        assertThat(run("verify-backup.sh", backup).exitCode).isZero();

        Path scratch = root.resolve("scratch/db-test-1");
        assertThat(run("restore.sh", backup, scratch).exitCode).isZero();

        assertThat(Files.readSymbolicLink(scratch.resolve("current"))).isEqualTo(Path.of("releases/15.6"));
        assertThat(scratch.resolve("data/invoices.csv")).hasSameTextualContentAs(node.resolve("data/invoices.csv"));
        assertThat(run("verify-restore.sh", scratch).exitCode).isZero();
    }

    @Test
    void upgradeInstallsMigratesAndSwitchesAndRollbackRestoresTheOldState() throws Exception {
        String dataBefore = Files.readString(node.resolve("data/invoices.csv"));
        run("backup.sh", root, "db-test-1", backup);

        Result upgrade = run("upgrade.sh", root, "db-test-1", "16.4");

        assertThat(upgrade.exitCode).as(upgrade.output).isZero();
        assertThat(Files.readSymbolicLink(node.resolve("current"))).isEqualTo(Path.of("releases/16.4"));
        assertThat(Files.readString(node.resolve("current/VERSION")).strip()).isEqualTo("16.4");
        List<String> migrated = Files.readAllLines(node.resolve("data/invoices.csv"));
        assertThat(migrated.get(0)).isEqualTo("id;customer;amount_cents;currency");
        assertThat(migrated.subList(1, migrated.size())).allMatch(line -> line.endsWith(";EUR"));
        assertThat(Files.readString(node.resolve("config/settings.properties"))).contains("release=16.4");
        assertThat(run("check.sh", root, "db-test-1", "invoices-readable").exitCode).isZero();
        assertThat(run("check.sh", root, "db-test-1", "config-matches-release").exitCode).isZero();
        // running it again changes nothing (a retried step)
        assertThat(run("upgrade.sh", root, "db-test-1", "16.4").exitCode).isZero();
        assertThat(Files.readAllLines(node.resolve("data/invoices.csv"))).isEqualTo(migrated);

        Result rollback = run("rollback.sh", root, "db-test-1", backup);

        assertThat(rollback.exitCode).as(rollback.output).isZero();
        assertThat(rollback.output).contains("rolled back db-test-1 from release 16.4 to 15.6");
        assertThat(Files.readSymbolicLink(node.resolve("current"))).isEqualTo(Path.of("releases/15.6"));
        assertThat(Files.readString(node.resolve("data/invoices.csv"))).isEqualTo(dataBefore);
        assertThat(Files.readString(node.resolve("config/settings.properties"))).contains("release=15.6");
        assertThat(node.resolve("releases/16.4/VERSION")).exists();
        assertThat(Files.readString(node.resolve("logs/runbook.log")))
                .contains("upgraded db-test-1 from release 15.6 to 16.4", "rolled back db-test-1 from release 16.4 to 15.6");
    }

    @Test
    void checksAndVerificationsSayNoToBrokenData() throws Exception {
        Files.writeString(node.resolve("data/invoices.csv"), "1006;broken line without amount\n",
                java.nio.file.StandardOpenOption.APPEND);

        Result check = run("check.sh", root, "db-test-1", "invoices-readable");
        assertThat(check.exitCode).isNotZero();
        assertThat(check.output).contains("line 7 is malformed");

        run("backup.sh", root, "db-test-1", backup);
        Path scratch = root.resolve("scratch/db-test-1");
        run("restore.sh", backup, scratch);
        assertThat(run("verify-restore.sh", scratch).exitCode).isNotZero();

        Path garbage = root.resolve("garbage.tar.gz");
        Files.writeString(garbage, "not an archive");
        Result verify = run("verify-backup.sh", garbage);
        assertThat(verify.exitCode).isNotZero();
        assertThat(verify.output).contains("not a valid gzip file");
    }

    @Test
    void aNodeHasRealConfigurationItemsAndTheReleaseLinkIsPrintedAsItStands() throws Exception {
        assertThat(Files.readString(node.resolve("config/settings.properties")))
                .containsPattern("(?m)^integration_api_key=[0-9a-f]{24}$");
        assertThat(Files.readAllLines(node.resolve("config/scheduled-jobs")))
                .anyMatch(line -> line.endsWith("export-invoices --to /srv/exchange/invoices"));
        assertThat(run("show-config.sh", root, "db-test-1", "release-link").output)
                .isEqualTo("current -> releases/15.6\nVERSION 15.6\n");
        run("backup.sh", root, "db-test-1", backup);

        run("upgrade.sh", root, "db-test-1", "16.4");
        assertThat(run("show-config.sh", root, "db-test-1", "release-link").output)
                .isEqualTo("current -> releases/16.4\nVERSION 16.4\n");
        run("rollback.sh", root, "db-test-1", backup);
        assertThat(run("show-config.sh", root, "db-test-1", "release-link").output)
                .isEqualTo("current -> releases/15.6\nVERSION 15.6\n");

        Files.delete(node.resolve("current"));
        Result missing = run("show-config.sh", root, "db-test-1", "release-link");
        assertThat(missing.exitCode).isEqualTo(3);
        assertThat(missing.output).contains("current is not a symlink");
        assertThat(run("show-config.sh", root, "db-test-1", "certificates").output).contains("unknown item");
    }

    @Test
    void refusesNodeNamesThatLeaveTheRoot() throws Exception {
        Result result = run("backup.sh", root, "../etc", backup);

        assertThat(result.exitCode).isNotZero();
        assertThat(result.output).contains("invalid node id");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String script, Object... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
