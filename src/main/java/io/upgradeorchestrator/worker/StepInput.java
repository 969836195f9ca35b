package io.upgradeorchestrator.worker;

import java.util.Objects;

/**
 * What a worker needs to know of the node a step acts on, set by the orchestrator when the step is created (local
 * variable {@link StepVariables#INPUT}, JSON): a worker outside the application reads no orchestrator table. The
 * runbook itself is not in it: every worker runs the actions of its own copy of the inventory, so nobody who can
 * write a process variable can make a worker run a command.
 *
 * @param runId      the rollout run; {@code null} for steps outside a run (rollback, monitoring probes)
 * @param zone       the node's zone (its site, in lower case): a worker per zone serves the steps of its zone
 * @param nodeStatus the node's state in the rollout when the step was created ({@code null} for probe steps)
 * @param maxParallelNodes the upgrade's parallelism (the risk decision's): steps of one upgrade a worker runs at
 *                   once; {@code null} = the worker's own cap only
 * @param probeRoundKey which round of probes a probe step measures ({@code baseline} or a monitoring round's key);
 *                   {@code null} for other steps
 */
public record StepInput(String upgradeId, String runId, String systemId, String nodeId, String host, String site,
                        String zone, String fromVersion, String targetVersion, String backupLocation,
                        String nodeStatus, Integer maxParallelNodes, String probeRoundKey) {

    public StepInput {
        Objects.requireNonNull(upgradeId, "upgradeId");
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(nodeId, "nodeId");
    }

    /** The zone of a site: lower case, letters, digits and dashes, so it can end a topic name. */
    public static String zoneOf(String site) {
        if (site == null || site.isBlank()) {
            return null;
        }
        return site.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** The number a variable holds (the engine keeps small numbers as Integer or Long), or {@code null}. */
    public static Integer number(Object value) {
        return value instanceof Number number ? Integer.valueOf(number.intValue()) : null;
    }

    public String toJson() {
        return StepJson.write(this);
    }

    public static StepInput fromJson(String json) {
        return StepJson.read(json, StepInput.class, "step input");
    }
}
