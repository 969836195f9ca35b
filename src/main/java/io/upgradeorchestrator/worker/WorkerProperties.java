package io.upgradeorchestrator.worker;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The runbook-step worker, under {@code upgrade-orchestrator.worker}.
 *
 * @param enabled           fetch and run steps in the background (off in the test profile: tests drive the worker)
 * @param id                the worker id the engine records as lock owner; empty = host name + a random suffix
 * @param poolSize          steps run at once by this worker (threads that mostly wait on programs); the global cap
 * @param lockDuration      how long a fetched step stays locked without a heartbeat: a worker that dies loses its
 *                          steps after this long and another worker picks them up
 * @param heartbeatInterval how often the locks of running steps are extended; also how soon a step whose work item
 *                          is gone (rollback decided, upgrade cancelled) is killed
 * @param pollInterval      how long an idle worker waits before it asks for steps again
 * @param maxTasksPerFetch  steps locked by one fetch at most
 * @param retries           attempts of a step that could not run, as the jobs' R3/PT5M: then an incident
 * @param retryTimeout      wait before the next attempt of a step that could not run
 * @param topics            the topics this worker serves; empty = every topic of {@link StepTopics#ALL}
 * @param zones             a worker near some sites: the zones it serves (e.g. {@code fra}); it then fetches only
 *                          the zone topics ({@code runbook.upgrade.fra}); empty = the plain topics
 * @param remoteZones       the orchestrator's side: zones whose steps go to remote workers (zone topics); the
 *                          application's own worker never sees them. Empty = every step stays in the application
 */
@ConfigurationProperties(WorkerProperties.PREFIX)
public record WorkerProperties(
        @DefaultValue("true") boolean enabled,
        String id,
        @DefaultValue("200") int poolSize,
        @DefaultValue("2m") Duration lockDuration,
        @DefaultValue("20s") Duration heartbeatInterval,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("100") int maxTasksPerFetch,
        @DefaultValue("3") int retries,
        @DefaultValue("5m") Duration retryTimeout,
        List<String> topics,
        List<String> zones,
        List<String> remoteZones) {

    public static final String PREFIX = "upgrade-orchestrator.worker";

    /** The topics to fetch: the plain ones, or each one per zone for a worker of some zones. */
    public List<String> fetchedTopics() {
        return zones.isEmpty() ? topics
                : topics.stream().flatMap(topic -> zones.stream().map(zone -> StepTopics.inZone(topic, zone))).toList();
    }

    private static List<String> zones(List<String> zones, String name) {
        if (zones == null) {
            return List.of();
        }
        for (String zone : zones) {
            if (zone == null || !zone.equals(StepInput.zoneOf(zone))) {
                throw new IllegalArgumentException(PREFIX + "." + name + ": '" + zone + "' is not a zone; a zone is"
                        + " a site's name in lower case with dashes (e.g. 'frankfurt' or 'new-york')");
            }
        }
        return List.copyOf(zones);
    }

    public WorkerProperties {
        topics = topics == null || topics.isEmpty() ? StepTopics.ALL : List.copyOf(topics);
        zones = zones(zones, "zones");
        remoteZones = zones(remoteZones, "remote-zones");
        for (String topic : topics) {
            if (!StepTopics.ALL.contains(topic)) {
                throw new IllegalArgumentException(PREFIX + ".topics: unknown topic '" + topic + "'; known: "
                        + StepTopics.ALL + " (zones are set with " + PREFIX + ".zones)");
            }
        }
        if (heartbeatInterval.compareTo(lockDuration.dividedBy(2)) > 0) {
            throw new IllegalArgumentException(PREFIX + ".heartbeat-interval (" + heartbeatInterval
                    + ") must be at most half of " + PREFIX + ".lock-duration (" + lockDuration
                    + "), or a slow heartbeat loses the lock of a step that is still running");
        }
        if (poolSize < 1 || retries < 1 || maxTasksPerFetch < 1) {
            throw new IllegalArgumentException(PREFIX + ": pool-size, retries and max-tasks-per-fetch must be at least 1");
        }
    }
}
