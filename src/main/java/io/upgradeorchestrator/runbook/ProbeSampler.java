package io.upgradeorchestrator.runbook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.inventory.Runbook;

/**
 * Measures a runbook monitoring probe: runs it a number of times through the action layer (each run recorded under
 * its own idempotency key) and reports the median latency of the answers that succeeded and the share that did not.
 * Used wherever a probe is compared with a baseline: rehearsal, the baseline before the change, monitoring after it.
 */
@Service
public class ProbeSampler {

    private final RunbookRunner runner;

    ProbeSampler(RunbookRunner runner) {
        this.runner = runner;
    }

    /**
     * @param keyPrefix idempotency key prefix, unique for this measurement; the sample number is appended
     * @param samples   how many times to run the probe (at least once)
     */
    public Sample sample(String keyPrefix, Runbook.MonitoringProbe probe, ActionContext at, int samples) {
        return sample(keyPrefix, "probe", probe, at, samples);
    }

    /** @param label what the action record calls the run ({@code "monitoring probe"}), before the probe's name */
    public Sample sample(String keyPrefix, String label, Runbook.MonitoringProbe probe, ActionContext at, int samples) {
        List<Long> latencies = new ArrayList<>();
        int errors = 0;
        int runs = Math.max(1, samples);
        for (int i = 1; i <= runs; i++) {
            ActionResult result = runner.run(keyPrefix + i, label + ": " + probe.name(), probe.check(), at, null);
            if (result.succeeded()) {
                latencies.add(result.duration().toMillis());
            } else {
                errors++;
            }
        }
        latencies.sort(Comparator.naturalOrder());
        long median = latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2);
        return new Sample(median, errors * 100.0 / runs, runs);
    }

    /** Median latency of the successful runs (0 when none succeeded), the error rate in percent, the runs made. */
    public record Sample(long medianMillis, double errorRatePercent, int samples) {
    }
}
