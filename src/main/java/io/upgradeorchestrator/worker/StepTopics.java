package io.upgradeorchestrator.worker;

import java.util.List;

/**
 * The external task topics of runbook steps: {@code runbook.<step>}, one per kind of step, so a worker near some
 * targets can serve only the steps it can run. Steps of a node in a zone that the orchestrator hands to remote
 * workers ({@code upgrade-orchestrator.worker.remote-zones}) carry the zone as a suffix ({@code runbook.upgrade.fra}):
 * only a worker serving that zone fetches them.
 */
public final class StepTopics {

    private StepTopics() {
    }

    /** Final backup of one production node (backup, its check, checksum). */
    public static final String BACKUP = "runbook.backup";
    /** The runbook's upgrade of one node. */
    public static final String UPGRADE = "runbook.upgrade";
    /** The health check of one upgraded node, for its wave's gate. */
    public static final String HEALTH = "runbook.health";
    /** The acceptance checks of one node, CORE first. */
    public static final String ACCEPTANCE = "runbook.acceptance";

    /** The runbook's rollback of one changed node, back to its final backup. */
    public static final String ROLLBACK = "runbook.rollback";
    /** The restore of one node's final backup, and the runbook's check of it. */
    public static final String RESTORE = "runbook.restore";
    /** The proof that one node runs its old release again: health check and CORE checks. */
    public static final String VERIFY_OLD_VERSION = "runbook.verify";

    /** The runbook's monitoring probes on one node, for one round (the baseline before the change, or monitoring). */
    public static final String PROBE = "runbook.probe";

    public static final List<String> ALL = List.of(BACKUP, UPGRADE, HEALTH, ACCEPTANCE, ROLLBACK, RESTORE,
            VERIFY_OLD_VERSION, PROBE);

    /**
     * The steps that take the step input, return an outcome the orchestrator records and go to a zone's remote
     * workers when their node is in one (see {@link StepRouting}): every runbook step.
     */
    public static final List<String> ROUTED = ALL;

    /** The topic of a step in a zone: {@code runbook.upgrade.fra}. */
    public static String inZone(String topic, String zone) {
        return topic + "." + zone;
    }

    /** The plain topic of a zone's topic ({@code runbook.upgrade.fra} → {@code runbook.upgrade}). */
    public static String plain(String topic) {
        for (String plain : ALL) {
            if (topic.equals(plain) || topic.startsWith(plain + ".")) {
                return plain;
            }
        }
        return topic;
    }
}
