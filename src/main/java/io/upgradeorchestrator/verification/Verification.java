package io.upgradeorchestrator.verification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionOutcome;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.rollout.RolloutNodeResult;
import io.upgradeorchestrator.variables.Summaries;
import io.upgradeorchestrator.runbook.AcceptanceChecks;
import io.upgradeorchestrator.runbook.RunbookRunner;

/**
 * "An upgrade is not complete when the installer finishes": the runbook's acceptance checks on every production
 * node, CORE first (a CORE failure stops the checks: it is a rollback trigger, minor functions can wait), and a
 * review of the runbook's logs since the window's start ("a clean screen does not always mean a clean upgrade").
 */
@Service
public class Verification {

    private final RunbookRunner runner;

    Verification(RunbookRunner runner) {
        this.runner = runner;
    }

    /**
     * @param corePassed  every CORE check passed on every node
     * @param allPassed   every check passed on every node
     */
    public record Acceptance(boolean corePassed, boolean allPassed, String summary, String coreFailure) {
    }

    public record LogReview(int findings, String summary) {
    }

    public Acceptance acceptance(String upgradeId, String runId, InventorySystem system, List<RolloutNodeResult> nodes) {
        Runbook runbook = system.runbook();
        List<Runbook.AcceptanceCheck> checks = AcceptanceChecks.coreFirst(runbook);
        if (checks.isEmpty()) {
            return new Acceptance(true, true, "The runbook defines no acceptance checks.", null);
        }
        List<String> lines = new ArrayList<>();
        boolean allPassed = true;
        for (Runbook.AcceptanceCheck check : checks) {
            List<String> failures = new ArrayList<>();
            for (RolloutNodeResult node : nodes) {
                ActionResult result = runner.run(acceptanceKey(upgradeId, runId, check, node), "acceptance: "
                        + check.name(), check.action(), context(upgradeId, system, node, null), null);
                if (!result.succeeded()) {
                    failures.add(node.nodeId() + ": " + result.summary());
                }
            }
            String line = check.priority() + " " + check.name() + (failures.isEmpty()
                    ? " passed on " + nodes.size() + " node(s)"
                    : " FAILED on " + failures.size() + " of " + nodes.size() + " node(s): " + list(failures));
            lines.add(line);
            if (!failures.isEmpty()) {
                allPassed = false;
                if (check.priority() == Runbook.Priority.CORE) {
                    lines.add("remaining checks not run after a CORE failure");
                    return new Acceptance(false, false, String.join("; ", lines), line);
                }
            }
        }
        return new Acceptance(true, allPassed, String.join("; ", lines), null);
    }

    /**
     * The checks of one node, CORE first, as a step of its own so the nodes are checked at once; stops on the node at
     * its first CORE failure. {@link #acceptance} then finds every answer in the action record under the same keys.
     */
    public void acceptanceOfNode(String upgradeId, String runId, InventorySystem system, RolloutNodeResult node) {
        for (Runbook.AcceptanceCheck check : AcceptanceChecks.coreFirst(system.runbook())) {
            ActionResult result = runner.run(acceptanceKey(upgradeId, runId, check, node), "acceptance: "
                    + check.name(), check.action(), context(upgradeId, system, node, null), null);
            if (!result.succeeded() && check.priority() == Runbook.Priority.CORE) {
                return;
            }
        }
    }

    private static String acceptanceKey(String upgradeId, String runId, Runbook.AcceptanceCheck check,
                                        RolloutNodeResult node) {
        return upgradeId + ":" + runId + ":acceptance:" + check.name() + ":" + node.nodeId();
    }

    public LogReview reviewLogs(String upgradeId, String runId, InventorySystem system, List<RolloutNodeResult> nodes,
                                Instant since) {
        Runbook runbook = system.runbook();
        if (runbook.logSources().isEmpty()) {
            return new LogReview(0, "The runbook names no logs to review.");
        }
        List<String> findings = new ArrayList<>();
        int scans = 0;
        for (Runbook.LogSource source : runbook.logSources()) {
            for (RolloutNodeResult node : nodes) {
                scans++;
                ActionResult scan = runner.run(upgradeId + ":" + runId + ":log-review:" + source.name() + ":"
                        + node.nodeId(), "log review: " + source.name(), source.scan(),
                        context(upgradeId, system, node, since), null);
                if (scan.outcome() == ActionOutcome.ERROR) {
                    findings.add(source.name() + " on " + node.nodeId() + " could not be read: " + scan.summary());
                } else if (scan.patternCounts().values().stream().anyMatch(count -> count > 0)) {
                    findings.add(source.name() + " on " + node.nodeId() + ": " + scan.patternCounts().entrySet().stream()
                            .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "))
                            + (scan.output() == null || scan.output().isBlank() ? ""
                            : " — " + scan.output().strip().replaceAll("\\s*\\R\\s*", " / ")));
                }
            }
        }
        return new LogReview(findings.size(), findings.isEmpty()
                ? "Log review since " + since + ": no errors or warnings in " + scans + " log(s) ("
                + runbook.logSources().stream().map(Runbook.LogSource::name).collect(Collectors.joining(", ")) + ")."
                : "Log review since " + since + ": findings in " + findings.size() + " of " + scans + " log(s): "
                + list(findings));
    }

    private static String list(List<String> items) {
        return Summaries.list(items, " | ");
    }

    private static ActionContext context(String upgradeId, InventorySystem system, RolloutNodeResult node,
                                         Instant since) {
        return new ActionContext(upgradeId, system.id(), node.nodeId(), node.host(), node.fromVersion(),
                node.targetVersion(), node.backupLocation(), since);
    }
}
