package io.upgradeorchestrator.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.upgradeorchestrator.UpgradeOrchestratorApplication;

/**
 * The product's staged rollout against a bare Camunda application of the same shape, both measured in this JVM in
 * the same run, so that whatever else loads the machine loads both. Prints a table of ratios and writes it to
 * {@code target/benchmark/results.md}. Asserts nothing about time: only that both sides did the same work.
 *
 * <p>Runs only with {@code ./mvnw -Pbench verify} (tag "benchmark", and surefire's default includes skip
 * {@code *Benchmark} classes). A hand-written harness rather than JMH: one repetition is a whole rollout of seconds on
 * two running applications, where JMH's forks and per-invocation machinery add nothing but start-up time.
 *
 * <p>System properties: {@code benchmark.sizes} (fleet sizes, default {@code 100,1000}: about three minutes on a
 * two-core machine, longer when other builds run) and {@code benchmark.repetitions} (measured repetitions, one count
 * for all sizes or one per size, default {@code 5,3}).
 */
@Tag("benchmark")
class RolloutBenchmark {

    private static final Path OUT = Path.of("target", "benchmark");
    /** Warm-up rounds at the first (smallest) size warm the JIT for every size; larger sizes get one round each. */
    private static final int FIRST_SIZE_WARMUPS = 4;
    /** Connections per application: two per job executor thread (at most 10) and a few to spare; see below. */
    private static final String POOL_SIZE = "30";

    private int runNumber;

    @Test
    void productRolloutAgainstBareCamunda() throws IOException {
        List<Integer> sizes = numbers(System.getProperty("benchmark.sizes", "100,1000")).stream().sorted().toList();
        List<Integer> repetitions = numbers(System.getProperty("benchmark.repetitions", "5,3"));
        long started = System.nanoTime();
        double loadBefore = Report.systemLoad();

        Path inventory = BenchmarkInventory.write(OUT.resolve("inventory"), BenchmarkInventory.NO_OP, sizes);
        Map<String, Object> shared = Map.of(
                // Both log alike: everything to a file (the product logs every action at INFO, as in production;
                // both engines warn of each optimistic-locking retry), only errors to the console, left to the table.
                "logging.file.name", OUT.resolve("benchmark.log").toString(),
                "logging.threshold.console", "ERROR",
                // Both get the product's pool of 30 connections (application.yaml), the bare application too, so
                // neither waits for connections the other does not: a product job thread may hold two at once (the
                // engine's and the action record's own transaction; see ConnectionPoolGuard).
                "spring.datasource.hikari.maximum-pool-size", POOL_SIZE);

        try (ConfigurableApplicationContext product = startProduct(shared, inventory);
             ConfigurableApplicationContext bare = BareCamundaApplication.start(shared)) {
            Map<String, String> productSettings = EngineSettings.of(product);
            Map<String, String> bareSettings = EngineSettings.of(bare);
            EngineSettings.requireSame(productSettings, bareSettings);
            ProductRollout productRollout = new ProductRollout(product);
            BareRollout bareRollout = new BareRollout(bare);
            // the baseline's diagrams, to open in the Modeler next to the product's
            Bpmn.writeModelToFile(OUT.resolve("bare-upgrade-execution.bpmn").toFile(), BareRolloutModel.execution());
            Bpmn.writeModelToFile(OUT.resolve("bare-upgrade-wave.bpmn").toFile(), BareRolloutModel.wave());

            List<Comparison> comparisons = new ArrayList<>();
            for (int size = 0; size < sizes.size(); size++) {
                int nodes = sizes.get(size);
                int warmups = size == 0 ? FIRST_SIZE_WARMUPS : 1;
                // one count per size; the last one holds for any further sizes
                int rounds = repetitions.get(Math.min(size, repetitions.size() - 1));
                for (int round = 1; round <= warmups; round++) {
                    String upgradeId = nextKey(nodes);
                    RolloutDriver.Run product1 = productRollout.run(nodes, upgradeId);
                    // the baseline runs the waves the product's planner made (canary first, sites spread)
                    bareRollout.useWaves(nodes, productRollout.waveSizes(upgradeId));
                    RolloutDriver.Run bare1 = bareRollout.run(nodes, nextKey(nodes));
                    progress("warm-up", nodes, round, warmups, product1, bare1);
                }
                Comparison comparison = new Comparison("staged rollout", nodes);
                for (int repetition = 1; repetition <= rounds; repetition++) {
                    // alternate who goes first, so neither side always runs right after the other's garbage
                    RolloutDriver.Run productRun;
                    RolloutDriver.Run bareRun;
                    if (repetition % 2 == 1) {
                        productRun = measure(productRollout, nodes);
                        bareRun = measure(bareRollout, nodes);
                    } else {
                        bareRun = measure(bareRollout, nodes);
                        productRun = measure(productRollout, nodes);
                    }
                    requireSameShape(nodes, productRun, bareRun);
                    comparison.product.add(productRun);
                    comparison.bare.add(bareRun);
                    progress("measured", nodes, repetition, rounds, productRun, bareRun);
                }
                comparisons.add(comparison);
            }

            String report = Report.markdown(comparisons, productSettings, bareSettings,
                    FIRST_SIZE_WARMUPS + " warm-up rounds at " + sizes.get(0) + " nodes and 1 at each larger size",
                    "-Dbenchmark.sizes=" + join(sizes) + " -Dbenchmark.repetitions=" + join(repetitions),
                    loadBefore, Report.systemLoad(), (System.nanoTime() - started) / 1_000_000_000L);
            Files.writeString(OUT.resolve("results.md"), report);
            System.out.println("\n" + report + "\n(written to " + OUT.resolve("results.md").toAbsolutePath() + ")\n");
        }
    }

    /** The whole product on a random port, with its own in-memory database and the generated fleet inventory. */
    private static ConfigurableApplicationContext startProduct(Map<String, Object> shared, Path inventory) {
        return new SpringApplicationBuilder(UpgradeOrchestratorApplication.class)
                .profiles("test", "bench")
                .properties(shared)
                .run("--upgrade-orchestrator.inventory.location=" + inventory.toAbsolutePath());
    }

    private static String join(List<Integer> numbers) {
        return String.join(",", numbers.stream().map(String::valueOf).toList());
    }

    private static List<Integer> numbers(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private RolloutDriver.Run measure(RolloutDriver driver, int nodes) {
        // start each run from a collected heap, so that neither side pays for the other's garbage
        System.gc();
        return driver.run(nodes, nextKey(nodes));
    }

    private String nextKey(int nodes) {
        return String.format("UPG-BENCH-%d-%03d", nodes, ++runNumber);
    }

    /**
     * Not a timing check: a baseline doing less work than the product would make the ratio meaningless. The product
     * runs its runbook steps as external tasks on its worker, so it runs fewer jobs than the baseline, whose node
     * steps are jobs; the waves and the nodes they ran must match.
     */
    private static void requireSameShape(int nodes, RolloutDriver.Run product, RolloutDriver.Run bare) {
        if (product.waves() != bare.waves() || product.jobs() > bare.jobs()) {
            throw new IllegalStateException("Not the same shape at " + nodes + " nodes: product " + product.waves()
                    + " waves and " + product.jobs() + " jobs, bare " + bare.waves() + " waves and " + bare.jobs()
                    + " jobs");
        }
    }

    /** The makespan scenario's comparisons, for the report; see {@link MakespanBenchmark}. */
    private static void progress(String what, int nodes, int round, int rounds, RolloutDriver.Run product,
                                 RolloutDriver.Run bare) {
        System.out.printf("benchmark: %,d nodes, %s %d/%d: product %,.0f ms (CPU %,.0f), bare %,.0f ms (CPU %,.0f); "
                        + "%d waves, %,d jobs each%n", nodes, what, round, rounds, product.millis(), product.cpuMillis(),
                bare.millis(), bare.cpuMillis(), product.waves(), product.jobs());
    }
}
