package io.upgradeorchestrator.action;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs actions against target systems, and records every run.
 *
 * <p>Idempotency: a run is identified by its key. A key whose run SUCCEEDED or FAILED is answered from the record
 * without running again. A key whose last run ended in ERROR (could not run) is run again, since that is what
 * a retry is for. A key that is STARTED is being run by another worker ({@link ActionInProgressException}; a job
 * that meets it waits without using up a retry, see {@link ActionInProgressRetry}), unless it started longer ago
 * than {@code stale-after} and than its own timeout plus {@code kill-grace} and {@code stale-margin}: then the worker
 * running it died, and it is run again. Runbook actions must therefore tolerate being re-run after an interruption
 * (e.g. a backup writes to a fresh file, a deployment checks what is already installed).
 */
@Service
public class ActionRunner {

    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

    private final ActionProperties properties;
    private final ActionRunRepository runs;
    private final CommandAction commands;
    private final HttpCheck httpChecks;
    private final SqlCheck sqlChecks;
    private final LogScan logScans;
    private final FileRead fileReads;
    private final MeterRegistry meters;

    ActionRunner(ActionProperties properties, ActionRunRepository runs, MeterRegistry meters) {
        this.properties = properties;
        this.runs = runs;
        this.meters = meters;
        ProcessExecutor processes = new ProcessExecutor(properties.inheritedEnvironment(), properties.killGrace());
        int maxOutput = properties.maxOutputBytes();
        this.commands = new CommandAction(processes, maxOutput, properties.defaultTimeout());
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.httpConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.httpChecks = new HttpCheck(client, maxOutput, properties.defaultTimeout());
        this.sqlChecks = new SqlCheck(properties.sqlConnections(), maxOutput, properties.sqlTimeout());
        this.logScans = new LogScan(processes, maxOutput, properties.defaultTimeout(), properties.logTimeZone());
        this.fileReads = new FileRead(maxOutput);
    }

    /**
     * Runs the action once per idempotency key and returns how it ended. A "no" (FAILED) and a "could not run"
     * (ERROR) are results, not exceptions; use {@link ActionResult#orThrow()} to treat them as technical failures.
     *
     * @throws InvalidActionException     the definition is wrong (unknown placeholder, unknown connection …);
     *                                    nothing ran and nothing was recorded
     * @throws ActionInProgressException another worker is running this key right now
     */
    public ActionResult run(ActionRequest request) {
        ActionSpec spec = Placeholders.fill(request.spec(), request.context());
        validate(spec);
        Masker masker = Masker.of(secretsOf(request, spec));
        String description = masker.mask(spec.describe());

        Instant now = Instant.now();
        Duration staleLimit = staleLimit(spec);
        // Under an external task's lock the engine already made this worker the only one running the step: the
        // worker that had started it before lost its lock (it died, or it noticed on its heartbeat and killed the
        // program), so its STARTED row counts as abandoned at once instead of after stale-after.
        boolean underStepLock = StepCancellation.current() != null;
        ActionRunRepository.Claim claim = runs.claim(request, description, now,
                underStepLock ? now.plusNanos(1) : now.minus(staleLimit));
        if (claim instanceof ActionRunRepository.Claim.Taken taken) {
            if (taken.run().status().isFinal()) {
                log.info("Action {} already ran: {}", request.idempotencyKey(), taken.run().summary());
                StepActions.noteCurrent(taken.run());
                return taken.run().toResult(true);
            }
            throw new ActionInProgressException(taken.run(), taken.run().startedAt().plus(staleLimit));
        }
        String id = ((ActionRunRepository.Claim.Claimed) claim).id();

        Execution execution;
        try {
            execution = execute(spec, request.context());
        } catch (RuntimeException e) {
            // a bug or an unforeseen failure must still end the STARTED row, or the key would look busy until stale
            log.error("Action {} failed unexpectedly", request.idempotencyKey(), e);
            execution = Execution.error(Duration.ZERO, "failed unexpectedly", HttpCheck.explain(e));
        }
        String summary = masker.mask(oneLine("`" + description + "` on " + request.target() + " " + execution.what()
                + (execution.detail() != null ? ": " + execution.detail() : "")));
        // configuration read from a file or printed by a command names its secrets itself (api_key=…)
        String output = spec instanceof FileReadSpec || spec instanceof CommandSpec
                ? Masker.maskSecretSettings(execution.output()) : execution.output();
        ActionRun run = runs.finish(id, execution.outcome(), execution, masker.mask(output), summary,
                Instant.now());
        log.info("Action {} {}: {}", request.idempotencyKey(), run.status(), summary);
        StepActions.noteCurrent(run);
        // what ran against target systems, for Prometheus: answered-from-record runs are not counted again
        Timer.builder("upgrade_orchestrator.action.runs")
                .description("Actions run against target systems, by kind and how they ended")
                .tag("kind", spec.kind().name()).tag("outcome", execution.outcome().name())
                .register(meters).record(execution.duration());
        return run.toResult(false);
    }

    private void validate(ActionSpec spec) {
        if (spec instanceof HttpCheckSpec http) {
            HttpCheck.validUri(http.url());
        } else if (spec instanceof SqlCheckSpec sql) {
            sqlChecks.connection(sql.connection());
        }
    }

    private Execution execute(ActionSpec spec, ActionContext context) {
        if (spec instanceof CommandSpec command) {
            return commands.execute(command);
        }
        if (spec instanceof HttpCheckSpec http) {
            return httpChecks.execute(http);
        }
        if (spec instanceof SqlCheckSpec sql) {
            return sqlChecks.execute(sql, context);
        }
        if (spec instanceof FileReadSpec read) {
            return fileReads.execute(read);
        }
        return logScans.execute((LogScanSpec) spec, context.since());
    }

    private List<String> secretsOf(ActionRequest request, ActionSpec spec) {
        List<String> secrets = new ArrayList<>(request.secrets());
        if (spec instanceof CommandSpec command) {
            secrets.addAll(Masker.secretValues(command.environment()));
        } else if (spec instanceof HttpCheckSpec http) {
            String userInfo = URI.create(http.url()).getUserInfo();
            if (userInfo != null && userInfo.contains(":")) {
                secrets.add(userInfo.substring(userInfo.indexOf(':') + 1));
            }
        } else if (spec instanceof SqlCheckSpec sql) {
            secrets.add(sqlChecks.connection(sql.connection()).password());
        }
        return secrets;
    }

    private Duration staleLimit(ActionSpec spec) {
        Duration timeout = spec instanceof CommandSpec command && command.timeout() != null ? command.timeout()
                : spec instanceof HttpCheckSpec http && http.timeout() != null ? http.timeout()
                : spec instanceof SqlCheckSpec ? properties.sqlTimeout()
                : properties.defaultTimeout();
        Duration ownLimit = timeout.plus(properties.killGrace()).plus(properties.staleMargin());
        return ownLimit.compareTo(properties.staleAfter()) > 0 ? ownLimit : properties.staleAfter();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
