package io.upgradeorchestrator.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.AuthorizationException;

import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.StepVariables;

/**
 * What a runbook-step worker account may touch through the engine's API, whatever its client sends: the steps of
 * the zones the orchestrator leaves to remote workers ({@code upgrade-orchestrator.worker.remote-zones}), narrowed to
 * the account's own zones when {@code upgrade-orchestrator.worker-accounts.zones} names them; never a plain topic
 * (those steps are the application's own worker's). It locks under worker ids of its own ({@code <account>} or
 * {@code <account>-…}), so it cannot act under another worker's name nor unlock another worker's step, and for a
 * bounded time, so a step cannot be held or parked for days.
 */
final class StepWorkerScope {

    /** The longest lock a worker account may take or extend to (the default lock is 2 minutes). */
    static final Duration MAX_LOCK = Duration.ofMinutes(30);
    /** The longest pause before the next attempt a worker account may ask for when it reports a failure. */
    static final Duration MAX_RETRY_TIMEOUT = Duration.ofHours(1);

    private final Set<String> remoteZones;
    private final Map<String, List<String>> accountZones;

    StepWorkerScope(List<String> remoteZones, Map<String, List<String>> accountZones) {
        this.remoteZones = Set.copyOf(remoteZones);
        this.accountZones = Map.copyOf(accountZones);
    }

    /** The zones whose steps {@code user} may fetch and work on. */
    Set<String> zonesOf(String user) {
        List<String> own = accountZones.get(user);
        Set<String> zones = new TreeSet<>(remoteZones);
        if (own != null) {
            zones.retainAll(own);
        }
        return zones;
    }

    void checkTopic(String user, String topic) {
        String plain = topic == null ? null : StepTopics.plain(topic);
        String zone = plain == null || topic.length() <= plain.length() + 1 ? null : topic.substring(plain.length() + 1);
        if (zone == null || !StepTopics.ALL.contains(plain) || !zonesOf(user).contains(zone)) {
            throw new AuthorizationException(user + " may work on the runbook steps of its zones only ("
                    + (zonesOf(user).isEmpty() ? "none configured" : String.join(", ", zonesOf(user)))
                    + ", topics such as " + StepTopics.inZone(StepTopics.UPGRADE, "<zone>") + "), not on '" + topic
                    + "'");
        }
    }

    void checkWorkerId(String user, String workerId) {
        if (!isOwn(user, workerId)) {
            throw new AuthorizationException(user + " may act as a worker of its own only: the worker id must be '"
                    + user + "' or start with '" + user + "-', not '" + workerId + "'");
        }
    }

    static boolean isOwn(String user, String workerId) {
        return workerId != null && (workerId.equals(user) || workerId.startsWith(user + "-"));
    }

    void checkLock(String user, long millis) {
        if (millis > MAX_LOCK.toMillis()) {
            throw new AuthorizationException(user + " may lock a runbook step for at most " + MAX_LOCK.toMinutes()
                    + " minutes at a time (extend the lock while the step runs), not " + millis + " ms");
        }
    }

    /**
     * A worker fetches a step with its input only ({@link StepVariables#FETCHED}): asking for every variable (no list)
     * or for others would show it the upgrade's variables, and a filter on variables' values would let it test them.
     */
    void checkFetchedVariables(String user, List<String> names, boolean filtersOnValues) {
        if (names == null || !StepVariables.FETCHED.containsAll(names) || filtersOnValues) {
            throw new AuthorizationException(user + " may fetch runbook steps with their input only (variables "
                    + StepVariables.FETCHED + ", no filter on variables' values), not with "
                    + (filtersOnValues ? "a filter on variables' values" : names == null ? "every variable" : names));
        }
    }

    void checkRetryTimeout(String user, long millis) {
        if (millis > MAX_RETRY_TIMEOUT.toMillis()) {
            throw new AuthorizationException(user + " may ask for at most " + MAX_RETRY_TIMEOUT.toMinutes()
                    + " minutes before a failed step's next attempt, not " + millis + " ms");
        }
    }
}
