package io.upgradeorchestrator.benchmark;

import java.util.ArrayList;
import java.util.List;

/** The measured repetitions of one scenario and size, product and baseline side by side. */
final class Comparison {

    final String scenario;
    final int nodes;
    final List<RolloutDriver.Run> product = new ArrayList<>();
    final List<RolloutDriver.Run> bare = new ArrayList<>();

    Comparison(String scenario, int nodes) {
        this.scenario = scenario;
        this.nodes = nodes;
    }

    double productMedian() {
        return median(product);
    }

    double bareMedian() {
        return median(bare);
    }

    /** The headline figure: how many times longer the product takes than bare Camunda for the same shape. */
    double ratio() {
        return productMedian() / bareMedian();
    }

    double productCpuMedian() {
        return medianOf(product.stream().map(RolloutDriver.Run::cpuMillis).toList());
    }

    double bareCpuMedian() {
        return medianOf(bare.stream().map(RolloutDriver.Run::cpuMillis).toList());
    }

    /** The same in CPU time: the work each side does, hardly disturbed by other load on the machine. */
    double cpuRatio() {
        return productCpuMedian() / bareCpuMedian();
    }

    /** The ratio of each product run to the baseline run next to it: its spread shows how steady the ratio is. */
    List<Double> pairedRatios() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(product.size(), bare.size()); i++) {
            ratios.add(product.get(i).millis() / bare.get(i).millis());
        }
        return ratios;
    }

    static double median(List<RolloutDriver.Run> runs) {
        return medianOf(runs.stream().map(RolloutDriver.Run::millis).toList());
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double min(List<RolloutDriver.Run> runs) {
        return runs.stream().mapToDouble(RolloutDriver.Run::millis).min().orElseThrow();
    }

    static double max(List<RolloutDriver.Run> runs) {
        return runs.stream().mapToDouble(RolloutDriver.Run::millis).max().orElseThrow();
    }
}
