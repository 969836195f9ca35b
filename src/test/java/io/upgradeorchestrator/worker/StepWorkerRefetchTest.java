package io.upgradeorchestrator.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * A step whose lock ran out while it still runs here (a stalled heartbeat) is handed to this same worker by its next
 * fetch: it must not start a second time, and it is completed once.
 */
class StepWorkerRefetchTest {

    private static final StepTask UPGRADE = new StepTask("task-1", StepTopics.UPGRADE, "Task_UpgradeNode", "pi-1",
            "UPG-1", Map.of(StepVariables.INPUT, new StepInput("UPG-1", null, "system-1", "node-1", null, null, null, null,
                    null, null, null, null, null).toJson()), null);

    @Test
    void shouldNotStartAStepAgainThatItsOwnWorkerStillRuns() throws Exception {
        AtomicInteger performed = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        StepHandler handler = new StepHandler() {
            @Override
            public String topic() {
                return StepTopics.UPGRADE;
            }

            @Override
            public StepOutcome perform(StepTask task) {
                performed.incrementAndGet();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return StepOutcome.of("upgrade", "node-1", "UPGRADED", "upgraded");
            }
        };
        AlwaysTheSameStep gateway = new AlwaysTheSameStep();
        WorkerProperties properties = new WorkerProperties(false, "w-1", 4, Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofMillis(100), 10, 1, Duration.ofSeconds(1), List.of(), List.of(),
                List.of());
        StepWorker worker = new StepWorker(gateway, List.of(handler), properties, "w-1");

        assertThat(worker.fetchAndStart(null)).isEqualTo(1);
        waitFor(() -> performed.get() == 1);
        worker.fetchAndStart(null);
        worker.fetchAndStart(null);
        assertThat(worker.held()).isEqualTo(1);
        release.countDown();
        waitFor(() -> worker.held() == 0);

        assertThat(performed).hasValue(1);
        assertThat(gateway.completed).containsExactly("task-1");
        worker.stop();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** An engine whose one step's lock has always just run out: every fetch hands it out again. */
    private static final class AlwaysTheSameStep implements ExternalTaskGateway {
        final List<String> completed = new CopyOnWriteArrayList<>();

        @Override
        public List<StepTask> fetchAndLock(String workerId, int max, List<String> topics, Duration lockDuration,
                                           String businessKey) {
            return completed.isEmpty() ? List.of(UPGRADE) : List.of();
        }

        @Override
        public StepTask lock(String externalTaskId, String workerId, Duration lockDuration) {
            return UPGRADE;
        }

        @Override
        public void complete(StepTask task, String workerId, StepOutcome outcome) {
            completed.add(task.id());
        }

        @Override
        public void handleFailure(StepTask task, String workerId, String errorMessage, String errorDetails,
                                  int retries, Duration retryTimeout, StepOutcome outcome) {
            throw new AssertionError("the step did not fail: " + errorMessage);
        }

        @Override
        public void extendLock(StepTask task, String workerId, Duration lockDuration) {
        }

        @Override
        public void unlock(StepTask task) {
        }
    }
}
