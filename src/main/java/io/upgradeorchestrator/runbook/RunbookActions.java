package io.upgradeorchestrator.runbook;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

import io.upgradeorchestrator.action.ActionContext;
import io.upgradeorchestrator.action.ActionKind;
import io.upgradeorchestrator.action.ActionOutcome;
import io.upgradeorchestrator.action.ActionResult;
import io.upgradeorchestrator.action.ActionSpec;
import io.upgradeorchestrator.action.InvalidActionException;
import io.upgradeorchestrator.files.BackupProperties;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.Runbook;
import io.upgradeorchestrator.files.SafePaths;

/**
 * Runs one named entry of a system's runbook (a step, an acceptance check, its log sources) on the chosen nodes.
 * What runs comes only from the inventory: callers name an entry, they never supply a command, URL or query. Each
 * node's run has its own idempotency key ({@code <key>:<node>:<entry>}), so a retry gets the recorded answer of a
 * node that already ran.
 *
 * <p>An entry that answers "no" is a result ({@link Outcome#passed()} false); an entry that cannot run at all on a
 * node ({@link ActionOutcome#ERROR}) stops there with an exception carrying the run's summary, for a retry and then
 * an incident. An unknown entry name is refused before anything runs.
 */
@Service
public class RunbookActions {

    /** The runbook steps a process may run by name. */
    public static final List<String> STEPS = Runbook.STEP_NAMES;

    private final RunbookRunner runner;
    private final BackupProperties backups;

    RunbookActions(RunbookRunner runner, BackupProperties backups) {
        this.runner = runner;
        this.backups = backups;
    }

    /** What the entry answered on every node. */
    public record Outcome(boolean passed, String summary, List<ActionResult> results) {
    }

    /**
     * Runs a runbook step. {@code {backupLocation}} is this upgrade's backup of the node made by a {@code backup}
     * step ({@code <backups>/<upgradeId>/runbook-steps/<node>.tar.gz}), which {@code verifyBackup}, {@code restore}
     * and {@code rollback} read; {@code ${restoreDirectory}} is a scratch folder per upgrade and node.
     */
    public Outcome runStep(String key, InventorySystem system, String stepName, NodeSelection nodes,
                           String upgradeId, String targetVersion) {
        Runbook runbook = runbookOf(system);
        if (stepName == null || !STEPS.contains(stepName.trim())) {
            throw new InvalidActionException("The runbook has no step '" + stepName + "'; input 'runbookStep' must be "
                    + "one of " + STEPS);
        }
        String step = stepName.trim();
        Runbook.Step entry = runbook.steps().get(step);
        if (entry == null) {
            throw new InvalidActionException("The runbook of " + system.id() + " does not define the step '" + step
                    + "'; add it to the inventory");
        }
        return run(key, system, step, entry.action(), nodes, upgradeId, targetVersion, null);
    }

    /**
     * Runs one acceptance check of the runbook by its name.
     *
     * @param expectedKind the kind of check the calling task is made for, or {@code null} for any kind
     */
    public Outcome runAcceptanceCheck(String key, InventorySystem system, String checkName, ActionKind expectedKind,
                                      NodeSelection nodes, String upgradeId, String targetVersion) {
        Runbook runbook = runbookOf(system);
        List<String> names = runbook.acceptanceChecks().stream().map(Runbook.AcceptanceCheck::name).toList();
        Runbook.AcceptanceCheck check = runbook.acceptanceChecks().stream()
                .filter(candidate -> candidate.name().equals(checkName == null ? null : checkName.trim()))
                .findFirst().orElseThrow(() -> new InvalidActionException("The runbook of " + system.id()
                        + " has no acceptance check '" + checkName + "'; input 'checkName' must be one of " + names));
        if (expectedKind != null && check.action().kind() != expectedKind) {
            throw new InvalidActionException("Acceptance check '" + check.name() + "' of " + system.id() + " is a "
                    + check.action().kind() + ", but this task is made for a " + expectedKind + "; use the element "
                    + "template for a " + check.action().kind() + " or name another check");
        }
        return run(key, system, "acceptance: " + check.name(), check.action(), nodes, upgradeId, targetVersion, null);
    }

    /**
     * Scans the runbook's log sources (all of them, or the one named) for their patterns since {@code since}.
     */
    public Outcome scanLogs(String key, InventorySystem system, String sourceName, Instant since, NodeSelection nodes,
                            String upgradeId, String targetVersion) {
        Runbook runbook = runbookOf(system);
        List<Runbook.LogSource> sources = runbook.logSources().stream()
                .filter(source -> sourceName == null || sourceName.isBlank() || source.name().equals(sourceName.trim()))
                .toList();
        if (sources.isEmpty()) {
            throw new InvalidActionException(sourceName == null || sourceName.isBlank()
                    ? "The runbook of " + system.id() + " has no log sources to scan"
                    : "The runbook of " + system.id() + " has no log source '" + sourceName + "'; input 'logSource' "
                    + "must be one of " + runbook.logSources().stream().map(Runbook.LogSource::name).toList());
        }
        if (since == null) {
            throw new IllegalArgumentException("A log scan needs the instant to scan from: input 'since' or the "
                    + "variable windowStart");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Runbook.LogSource source : sources) {
            outcomes.add(run(key, system, "logs: " + source.name(), source.scan(), nodes, upgradeId, targetVersion,
                    since));
        }
        return new Outcome(outcomes.stream().allMatch(Outcome::passed),
                outcomes.stream().map(Outcome::summary).collect(Collectors.joining(" | ")),
                outcomes.stream().flatMap(outcome -> outcome.results().stream()).toList());
    }

    private Outcome run(String key, InventorySystem system, String entryName, ActionSpec spec, NodeSelection nodes,
                        String upgradeId, String targetVersion, Instant since) {
        List<ActionResult> results = new ArrayList<>();
        for (Node node : nodes.of(system)) {
            Path backup = SafePaths.under(backups.directory(), upgradeId, "runbook-steps", node.id() + ".tar.gz");
            Path scratch = SafePaths.under(backups.scratchDirectory(), upgradeId, "runbook-steps", node.id());
            ActionContext context = new ActionContext(upgradeId, system.id(), node.id(), node.host(), node.version(),
                    targetVersion, backup.toString(), since);
            ActionResult result = runner.run(fitted(key + ":" + node.id() + ":" + entryName), entryName, spec, context,
                    scratch);
            if (result.outcome() == ActionOutcome.ERROR) {
                result.orThrow();
            }
            results.add(result);
        }
        boolean passed = results.stream().allMatch(ActionResult::succeeded);
        String summary = (passed ? "PASSED " : "FAILED ") + entryName + ": " + results.stream()
                .map(result -> (result.succeeded() ? "ok" : "FAILED") + " " + result.summary())
                .collect(Collectors.joining("; "));
        return new Outcome(passed, summary, results);
    }

    /** Keys are stored in a column of 255 characters: a longer one keeps its start and ends in its SHA-256. */
    static String fitted(String key) {
        if (key.length() <= 255) {
            return key;
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return key.substring(0, 190) + ":" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Runbook runbookOf(InventorySystem system) {
        if (system.runbook() == null) {
            throw new InvalidActionException("System " + system.id() + " has no runbook in the inventory: there is "
                    + "nothing to run. Add a runbook to the inventory, then retry the job.");
        }
        return system.runbook();
    }
}
