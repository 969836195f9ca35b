package io.upgradeorchestrator.monitoring;

/**
 * "Run probes on nodes" ({@code processes/node-probes.bpmn}): the monitoring probes of one batch of production nodes
 * for one round, one external task per node ({@link io.upgradeorchestrator.worker.StepTopics#PROBE}). Called in
 * parallel per batch by "Carry out upgrade" for the baseline and by "Monitor upgrade" for every probe round, with
 * {@code batchNodes} and {@code probeRoundKey}.
 */
public final class NodeProbesProcess {

    private NodeProbesProcess() {
    }

    public static final String KEY = "nodeProbes";
    /** The collection of "Run probes on node": the node ids of the batch. */
    public static final String BATCH_NODES = "batchNodes";
    /** The round the steps record their measurements under: {@code baseline} or a monitoring round's key. */
    public static final String PROBE_ROUND_KEY = "probeRoundKey";

    public static final class Elements {
        private Elements() {
        }

        public static final String RUN_PROBES_ON_NODE = "Task_RunProbesOnNode";
        public static final String BATCH_PROBED = "EndEvent_BatchProbed";
    }
}
