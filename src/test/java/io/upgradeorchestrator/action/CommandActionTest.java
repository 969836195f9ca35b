package io.upgradeorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandActionTest extends ActionTestSupport {

    @TempDir
    Path dir;

    @Test
    void successfulCommandIsRecorded() {
        ActionResult result = run("say-hello", CommandSpec.of("echo", "hello world"));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).isEqualTo("hello world\n");
        assertThat(result.description()).isEqualTo("echo 'hello world'");
        assertThat(result.summary()).startsWith("`echo 'hello world'` on db-test-1 exited 0 after ");
        assertThat(result.startedAt()).isBeforeOrEqualTo(result.finishedAt());
        assertThat(result.replayed()).isFalse();

        ActionRun row = runs.findByIdempotencyKey(result.idempotencyKey()).orElseThrow();
        assertThat(row.status()).isEqualTo(ActionRun.Status.SUCCEEDED);
        assertThat(row.upgradeId()).isEqualTo("UPG-1");
        assertThat(row.kind()).isEqualTo(ActionKind.COMMAND);
        assertThat(row.output()).isEqualTo("hello world\n");
        assertThat(runs.findByUpgradeId("UPG-1")).extracting(ActionRun::idempotencyKey).contains(result.idempotencyKey());
    }

    @Test
    void nonZeroExitIsAFailedAnswerWithExitCodeAndOutput() {
        ActionResult result = run("backup", new CommandSpec(List.of("bash", script("fail-backup.sh"), "{node}"),
                null, Map.of(), null, null));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("backing up db-test-1", "tar: data: Cannot open");
        assertThat(result.summary())
                .startsWith("`bash " + script("fail-backup.sh") + " db-test-1` on db-test-1 exited 2 (expected 0) after ")
                .endsWith(": tar: data: Cannot open: No such file or directory");
        assertThatThrownBy(result::orThrow).isInstanceOf(ActionFailedException.class).hasMessage(result.summary());
    }

    @Test
    void anExpectedNonZeroExitCodeIsSuccess() {
        ActionResult result = run("backup", new CommandSpec(List.of("bash", script("fail-backup.sh"), "x"),
                null, Map.of(), null, Set.of(0, 2)));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(result.orThrow()).isSameAs(result);
    }

    @Test
    void timeoutKillsTheProcessTree() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        long start = System.nanoTime();
        ActionResult result = run("hang", CommandSpec.of("bash", script("sleeper.sh"), pidFile.toString())
                .withTimeout(Duration.ofSeconds(1)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.outcome()).isEqualTo(ActionOutcome.ERROR);
        assertThat(result.exitCode()).isNull();
        assertThat(result.summary()).contains("timed out after 1.0 s and was killed").endsWith(": waiting for "
                + Files.readString(pidFile).strip());
        long childPid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(childPid).ifPresent(child -> assertThat(child.isAlive()).as("sleeping child").isFalse());
    }

    @Test
    void missingProgramIsAnErrorWithAClearSummary() {
        ActionResult result = run("missing", CommandSpec.of("no-such-program-4711", "--version"));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.ERROR);
        assertThat(result.exitCode()).isNull();
        assertThat(result.summary()).startsWith("`no-such-program-4711 --version` on db-test-1 could not start")
                .contains("Cannot run program \"no-such-program-4711\"", "No such file or directory");
        assertThatThrownBy(result::orThrow).hasMessageContaining("no-such-program-4711");
    }

    @Test
    void hugeOutputIsBoundedAndTheRestCounted() {
        // 100 000 lines of 100 bytes: 10 MB, of which the first 64 KiB are kept
        ActionResult result = run("chatty", CommandSpec.of("bash", script("huge-output.sh"), "100000"));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(result.output()).hasSize(64 * 1024);
        assertThat(result.omittedBytes()).isEqualTo(10_000_000L - 64 * 1024);
        assertThat(result.omittedLines()).isEqualTo(100_000 - 655); // 655 whole lines fit in 65 536 bytes
        assertThat(runs.findByIdempotencyKey(result.idempotencyKey()).orElseThrow().omittedBytes())
                .isEqualTo(10_000_000L - 64 * 1024);
    }

    @Test
    void placeholderValuesStayOneLiteralArgument() {
        Path marker = dir.resolve("pwned");
        String hostile = "db 1; rm -rf / $(touch " + marker + ") `touch " + marker + "` {node} | cat";
        ActionContext context = new ActionContext("UPG-1", "billing", "db-test-1", hostile, "16.3", "16.4", null, SINCE);

        ActionResult result = runner.run(request(UUID.randomUUID().toString(), "argv",
                CommandSpec.of("bash", script("argv.sh"), "{host}", "--target={targetVersion}", "{node}"),
                context, Set.of()));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(result.output()).isEqualTo("3\n[" + hostile + "]\n[--target=16.4]\n[db-test-1]\n");
        assertThat(marker).doesNotExist();
    }

    @Test
    void unknownPlaceholderIsRejectedBeforeAnythingRuns() {
        String key = UUID.randomUUID().toString();
        ActionRequest request = request(key, "bad", CommandSpec.of("echo", "{password}"), context(), Set.of());

        assertThatThrownBy(() -> runner.run(request)).isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("unknown placeholder {password}").hasMessageContaining("{targetVersion}");
        assertThat(runs.findByIdempotencyKey(key)).isEmpty();
    }

    @Test
    void placeholderWithoutValueIsRejected() {
        ActionContext noBackup = new ActionContext("UPG-1", "billing", "db-test-1", "h", "1", "2", null, SINCE);
        ActionRequest request = request(UUID.randomUUID().toString(), "restore",
                CommandSpec.of("restore", "{backupLocation}"), noBackup, Set.of());

        assertThatThrownBy(() -> runner.run(request)).isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("{backupLocation}").hasMessageContaining("no value");
    }

    @Test
    void secretsAreMaskedInEverythingStoredAndReturned() {
        String token = "tok-93f1c2";
        String password = "hunter2-db";
        CommandSpec spec = new CommandSpec(List.of("bash", script("echo-secret.sh"), token), null,
                Map.of("DB_PASSWORD", password), null, null);
        ActionResult result = runner.run(request(UUID.randomUUID().toString(), "secret", spec, context(), Set.of(token)));

        assertThat(result.output()).isEqualTo("connecting with password **** and token ****\n");
        ActionRun row = runs.findByIdempotencyKey(result.idempotencyKey()).orElseThrow();
        String everything = jdbc.queryForObject("select concat(description, '|', output, '|', summary)"
                + " from action_run where id = ?", String.class, row.id());
        assertThat(everything).doesNotContain(token).doesNotContain(password).contains("****");
        assertThat(result.description()).doesNotContain(token);
        assertThat(result.summary()).doesNotContain(token).doesNotContain(password);
    }

    @Test
    void environmentIsSmallAndExplicit() {
        ActionResult result = runner.run(request(UUID.randomUUID().toString(), "env",
                new CommandSpec(List.of("env"), dir.toString(), Map.of("TARGET_VERSION", "{targetVersion}"), null, null),
                context(), Set.of()));

        assertThat(result.output()).contains("TARGET_VERSION=16.4");
        // nothing but the configured names is inherited from the application's environment
        Set<String> allowed = Set.of("TARGET_VERSION", "PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME",
                "SSH_AUTH_SOCK");
        assertThat(result.output().lines().map(line -> line.substring(0, line.indexOf('=')))).allMatch(allowed::contains);
    }

    @Test
    void checksumMismatchIsAFailedAnswer() throws Exception {
        Files.writeString(dir.resolve("app-16.4.tar.gz"), "the release as downloaded\n");
        Files.writeString(dir.resolve("SHA256SUMS"),
                "0000000000000000000000000000000000000000000000000000000000000000  app-16.4.tar.gz\n");
        CommandSpec verify = new CommandSpec(List.of("sha256sum", "-c", "SHA256SUMS"), dir.toString(), Map.of(), null, null);

        ActionResult result = run("verify-checksum", verify);

        assertThat(result.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("app-16.4.tar.gz: FAILED");
        assertThat(result.summary()).contains("sha256sum -c SHA256SUMS", "exited 1 (expected 0)", "WARNING");
    }
}
