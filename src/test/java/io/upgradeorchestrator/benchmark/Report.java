package io.upgradeorchestrator.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The benchmark's result as Markdown: printed to the console and written to target/benchmark/results.md. */
final class Report {

    private Report() {
    }

    static String markdown(List<Comparison> comparisons, Map<String, String> productSettings,
                           Map<String, String> bareSettings, String warmups, String options, double loadBefore,
                           double loadAfter, long seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: Upgrade Orchestrator against a bare Camunda application\n\n");
        md.append(format("Run %s on %d cores, Java %s (%s), max heap %d MiB; system load average %.1f before, "
                        + "%.1f after; %d s in all.%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), loadBefore, loadAfter, seconds));
        md.append(format("`./mvnw -Pbench verify %s`%n%n", options));
        md.append("Scenario: the staged rollout of N production nodes (final backup, baseline, canary wave, then waves "
                + "of at most 100 nodes in parallel with a health gate each, acceptance checks, log review, manual "
                + "checks answered at once). Product: \"Carry out upgrade\" and \"Upgrade wave\" with all their "
                + "delegates, over a generated fleet whose runbook steps are no-op programs (`true`, `echo`, `cp`). "
                + "Bare: a Spring Boot application with only the Camunda 7.24 starter, running diagrams of the same "
                + "shape (same tasks, asynchronous boundaries, multi-instances, call activity, user task) whose "
                + "delegates do nothing. Same engine settings (below), each on its own in-memory H2 database with "
                + "30 connections (with Hikari's default 10 the product's rollout deadlocks, see the README).\n\n");
        md.append(format("Medians of n repetitions after %s; product and baseline alternate in the same JVM (odd "
                + "repetitions: product first). Ratio = product median / bare median (1.0 = no overhead); a paired "
                + "ratio compares a product run with the baseline run next to it.%n%n", warmups));

        md.append("Wall-clock time, start of the rollout to its end (what an operator waits):\n\n");
        md.append("| scenario | nodes | n | product median ms | bare median ms | ratio product/bare | product nodes/s "
                + "| bare nodes/s | paired ratios median (min–max) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Comparison c : comparisons) {
            List<Double> paired = c.pairedRatios();
            md.append(format("| %s | %,d | %d | %,.0f | %,.0f | **%.1f** | %,.1f | %,.1f | %.1f (%.1f–%.1f) |%n",
                    c.scenario, c.nodes, c.product.size(), c.productMedian(), c.bareMedian(), c.ratio(),
                    c.nodes / (c.productMedian() / 1000), c.nodes / (c.bareMedian() / 1000),
                    Comparison.medianOf(paired), paired.stream().mapToDouble(d -> d).min().orElseThrow(),
                    paired.stream().mapToDouble(d -> d).max().orElseThrow()));
        }

        md.append(format("%nCPU time of the JVM%s during the rollout (the work done, retries included; less "
                        + "disturbed than wall-clock time when other builds share the machine, though not immune):%n%n",
                ProcessCpu.includesChildren() ? " and the programs it ran" : " (programs it ran not counted)"));
        md.append("| scenario | nodes | product CPU median ms | bare CPU median ms | ratio product/bare "
                + "| product CPU ms per node | bare CPU ms per node |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Comparison c : comparisons) {
            md.append(format("| %s | %,d | %,.0f | %,.0f | **%.1f** | %.1f | %.1f |%n", c.scenario, c.nodes,
                    c.productCpuMedian(), c.bareCpuMedian(), c.cpuRatio(), c.productCpuMedian() / c.nodes,
                    c.bareCpuMedian() / c.nodes));
        }

        if (comparisons.size() > 1) {
            md.append("\nScaling (median for the larger fleet / median for the smaller one; as many times the nodes "
                    + "taking as many times as long is linear):\n\n"
                    + "| scenario | nodes | product wall | bare wall | product CPU | bare CPU |\n"
                    + "|---|---|---:|---:|---:|---:|\n");
            for (int i = 1; i < comparisons.size(); i++) {
                Comparison small = comparisons.get(i - 1);
                Comparison large = comparisons.get(i);
                md.append(format("| %s | %,d → %,d | ×%.1f | ×%.1f | ×%.1f | ×%.1f |%n", large.scenario,
                        small.nodes, large.nodes, large.productMedian() / small.productMedian(),
                        large.bareMedian() / small.bareMedian(), large.productCpuMedian() / small.productCpuMedian(),
                        large.bareCpuMedian() / small.bareCpuMedian()));
            }
        }

        md.append("\nSame waves on both sides, per rollout (the harness stops when they differ). The product runs its"
                + " runbook steps as external tasks on its own worker, so it runs fewer jobs than the baseline, whose"
                + " node steps are jobs:\n\n"
                + "| nodes | waves | jobs run (product) | jobs run (bare) | product: no-op programs run | product: their run"
                + " time summed over parallel steps, median ms |\n|---:|---:|---:|---:|---:|---:|\n");
        for (Comparison c : comparisons) {
            RolloutDriver.Run first = c.product.get(0);
            md.append(format("| %,d | %d | %,d | %,d | %,d | %,.0f |%n", c.nodes, first.waves(), first.jobs(),
                    c.bare.get(0).jobs(),
                    first.actions(), Comparison.medianOf(c.product.stream()
                            .map(run -> (double) run.actionMillis()).toList())));
        }

        md.append("\nEngine settings, read from both running engines (identical but for name and database):\n\n"
                + "| setting | product | bare |\n|---|---|---|\n");
        productSettings.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value)
                .append(" | ").append(bareSettings.get(name)).append(" |\n"));

        md.append("\nEvery measured repetition in the order run, wall ms / CPU ms:\n\n");
        for (Comparison c : comparisons) {
            md.append(format("- %s, %,d nodes: product %s; bare %s%n", c.scenario, c.nodes, runs(c.product),
                    runs(c.bare)));
        }
        return md.toString();
    }

    static double systemLoad() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String runs(List<RolloutDriver.Run> runs) {
        return IntStream.range(0, runs.size())
                .mapToObj(i -> format("%.0f / %.0f", runs.get(i).millis(), runs.get(i).cpuMillis()))
                .collect(Collectors.joining(", "));
    }

    private static String format(String format, Object... arguments) {
        return String.format(Locale.ROOT, format, arguments);
    }
}
