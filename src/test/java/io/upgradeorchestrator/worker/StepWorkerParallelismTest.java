package io.upgradeorchestrator.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The upgrade's {@code maxParallelNodes} bounds the steps whose programs run at once, not the steps being reported:
 * a step whose program has ended gives its place to the next while its completion still waits for its turn.
 */
class StepWorkerParallelismTest {

    private static final int LIMIT = 2;

    @Test
    void shouldRunAtMostTheUpgradesParallelismAndStartTheNextWhenAProgramEndsNotWhenItsReportDoes() throws Exception {
        Set<String> performing = ConcurrentHashMap.newKeySet();
        List<Integer> atOnce = new CopyOnWriteArrayList<>();
        Map<String, CountDownLatch> programs = new ConcurrentHashMap<>();
        StepHandler handler = new StepHandler() {
            @Override
            public String topic() {
                return StepTopics.UPGRADE;
            }

            @Override
            public StepOutcome perform(StepTask task) {
                performing.add(task.id());
                atOnce.add(performing.size());
                try {
                    programs.computeIfAbsent(task.id(), id -> new CountDownLatch(1)).await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                performing.remove(task.id());
                return StepOutcome.of("upgrade", task.input().nodeId(), "UPGRADED", "upgraded");
            }
        };
        ThreeSteps gateway = new ThreeSteps();
        WorkerProperties properties = new WorkerProperties(false, "w-1", 10, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofMillis(100), 10, 1, Duration.ofSeconds(1), List.of(), List.of(),
                List.of());
        StepWorker worker = new StepWorker(gateway, List.of(handler), properties, "w-1");

        assertThat(worker.fetchAndStart(null)).isEqualTo(3);
        waitFor(() -> performing.size() == LIMIT);
        Thread.sleep(200);
        assertThat(performing).as("the third waits for a place").hasSize(LIMIT).doesNotContain("task-3");

        String first = performing.iterator().next();
        programs.computeIfAbsent(first, id -> new CountDownLatch(1)).countDown(); // its report now blocks (the turn)
        waitFor(() -> performing.contains("task-3"));
        assertThat(gateway.completed).as("the first is still being reported").isEmpty();
        assertThat(atOnce).allMatch(running -> running <= LIMIT);

        gateway.turn.countDown();
        IntStream.rangeClosed(1, 3).forEach(i -> programs.computeIfAbsent("task-" + i, id -> new CountDownLatch(1))
                .countDown());
        waitFor(() -> worker.held() == 0);
        assertThat(gateway.completed).containsExactlyInAnyOrder("task-1", "task-2", "task-3");
        worker.stop();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static StepTask step(int number) {
        return new StepTask("task-" + number, StepTopics.UPGRADE, "Task_UpgradeNode", "pi-1", "UPG-1",
                Map.of(StepVariables.INPUT, new StepInput("UPG-1", null, "system-1", "node-" + number, null, null, null,
                        null, null, null, null, LIMIT, null).toJson()), null);
    }

    /** Three steps of one upgrade; completions wait until {@link #turn} opens (their process instance is busy). */
    private static final class ThreeSteps implements ExternalTaskGateway {
        final List<String> completed = new CopyOnWriteArrayList<>();
        final CountDownLatch turn = new CountDownLatch(1);
        private boolean fetched;

        @Override
        public synchronized List<StepTask> fetchAndLock(String workerId, int max, List<String> topics,
                                                        Duration lockDuration, String businessKey) {
            if (fetched) {
                return List.of();
            }
            fetched = true;
            return List.of(step(1), step(2), step(3));
        }

        @Override
        public StepTask lock(String externalTaskId, String workerId, Duration lockDuration) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete(StepTask task, String workerId, StepOutcome outcome) {
            try {
                turn.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            completed.add(task.id());
        }

        @Override
        public void handleFailure(StepTask task, String workerId, String errorMessage, String errorDetails,
                                  int retries, Duration retryTimeout, StepOutcome outcome) {
            throw new AssertionError("no step failed: " + errorMessage);
        }

        @Override
        public void extendLock(StepTask task, String workerId, Duration lockDuration) {
        }

        @Override
        public void unlock(StepTask task) {
        }
    }
}
