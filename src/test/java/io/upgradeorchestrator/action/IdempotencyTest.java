package io.upgradeorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyTest extends ActionTestSupport {

    @TempDir
    Path dir;

    @Test
    void sameKeyRunsTheCommandOnceAndAnswersFromTheRecord() throws Exception {
        Path counter = dir.resolve("counter");
        ActionRequest request = request(UUID.randomUUID().toString(), "count",
                CommandSpec.of("bash", script("counter.sh"), counter.toString()), context(), Set.of());

        ActionResult first = runner.run(request);
        ActionResult second = runner.run(request);

        assertThat(Files.readAllLines(counter)).hasSize(1);
        assertThat(first.replayed()).isFalse();
        assertThat(second.replayed()).isTrue();
        assertThat(second).usingRecursiveComparison().ignoringFields("replayed").isEqualTo(first);
    }

    @Test
    void aStepsOutcomeCannotRewriteAnotherRunsRecordedResult() {
        // a worker's outcome is imported into the journal the orchestrator answers retries from: the same run again
        // is fine, another run under a key whose result is recorded (a forged SUCCEEDED) is refused
        String key = UUID.randomUUID().toString();
        ActionRequest request = request(key, "fails", CommandSpec.of("false"), context(), Set.of());
        runner.run(request);
        ActionRun recorded = runs.findByIdempotencyKey(key).orElseThrow();
        ActionRun forged = new ActionRun(UUID.randomUUID().toString(), key, recorded.upgradeId(), recorded.target(),
                recorded.actionName(), recorded.kind(), recorded.description(), ActionRun.Status.SUCCEEDED, 1, 0,
                null, recorded.startedAt(), recorded.finishedAt(), recorded.durationMs(), "", 0, 0, Map.of(),
                "told by a worker");

        runs.importRun(recorded);
        assertThatThrownBy(() -> runs.importRun(forged)).hasMessageContaining("is recorded already");

        assertThat(runs.findByIdempotencyKey(key).orElseThrow().status()).isEqualTo(ActionRun.Status.FAILED);
        assertThat(runner.run(request).outcome()).as("the retry still answers the recorded result")
                .isEqualTo(ActionOutcome.FAILED);
    }

    @Test
    void aFailedAnswerIsFinalToo() throws Exception {
        Path counter = dir.resolve("counter");
        ActionRequest request = request(UUID.randomUUID().toString(), "count-then-fail",
                new CommandSpec(List.of("bash", script("counter.sh"), counter.toString()), null, null, null, Set.of(7)),
                context(), Set.of());

        assertThat(runner.run(request).outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(runner.run(request).outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(Files.readAllLines(counter)).hasSize(1);
    }

    @Test
    void anErrorIsRunAgainByTheNextAttempt() {
        String key = UUID.randomUUID().toString();
        ActionRequest request = request(key, "missing", CommandSpec.of("no-such-program-4711"), context(), Set.of());

        runner.run(request);
        ActionResult retried = runner.run(request);

        assertThat(retried.outcome()).isEqualTo(ActionOutcome.ERROR);
        assertThat(retried.replayed()).isFalse();
        assertThat(runs.findByIdempotencyKey(key).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void concurrentWorkersWithTheSameKeyRunItOnce() throws Exception {
        Path counter = dir.resolve("counter");
        ActionRequest request = request(UUID.randomUUID().toString(), "count-slowly",
                CommandSpec.of("bash", script("counter.sh"), counter.toString(), "1"), context(), Set.of());
        ExecutorService workers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Object>> attempts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                attempts.add(workers.submit((Callable<Object>) () -> {
                    try {
                        return runner.run(request);
                    } catch (ActionInProgressException busy) {
                        return busy;
                    }
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> attempt : attempts) {
                outcomes.add(attempt.get());
            }
            assertThat(Files.readAllLines(counter)).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ActionResult r && !r.replayed()).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ActionInProgressException).allSatisfy(busy ->
                    assertThat(((Exception) busy).getMessage()).contains("is already running since"));
        } finally {
            workers.shutdownNow();
        }
        assertThat(runner.run(request).replayed()).isTrue();
    }

    @Test
    void aStaleStartedRunIsTakenOverAndRunAgain() throws Exception {
        Path counter = dir.resolve("counter");
        String key = UUID.randomUUID().toString();
        // as left behind by a worker that died two days ago in the middle of the run
        jdbc.update("insert into action_run (id, idempotency_key, upgrade_id, target, action_name, kind, description,"
                        + " status, attempts, started_at) values (?, ?, 'UPG-1', 'db-test-1', 'count', 'COMMAND', 'x',"
                        + " 'STARTED', 1, ?)", UUID.randomUUID().toString(), key,
                Timestamp.from(Instant.now().minus(2, ChronoUnit.DAYS)));

        ActionResult result = runner.run(request(key, "count",
                CommandSpec.of("bash", script("counter.sh"), counter.toString()), context(), Set.of()));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(Files.readAllLines(counter)).hasSize(1);
        assertThat(runs.findByIdempotencyKey(key).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void aFreshStartedRunIsLeftToItsWorker() {
        String key = UUID.randomUUID().toString();
        jdbc.update("insert into action_run (id, idempotency_key, upgrade_id, target, action_name, kind, description,"
                        + " status, attempts, started_at) values (?, ?, 'UPG-1', 'db-test-1', 'count', 'COMMAND', 'echo hi',"
                        + " 'STARTED', 1, ?)", UUID.randomUUID().toString(), key, Timestamp.from(Instant.now()));

        assertThatThrownBy(() -> runner.run(request(key, "count",
                        CommandSpec.of("echo", "hi"), context(), Set.of())))
                .isInstanceOf(ActionInProgressException.class)
                .hasMessageContaining("`echo hi` on db-test-1").hasMessageContaining(key);
    }
}
