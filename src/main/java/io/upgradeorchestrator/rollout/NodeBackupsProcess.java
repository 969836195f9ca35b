package io.upgradeorchestrator.rollout;

/**
 * "Back up nodes" ({@code processes/node-backups.bpmn}): the final backups of one batch of production nodes (a wave of
 * the plan), one external task per node ({@link io.upgradeorchestrator.worker.StepTopics#BACKUP}). Called in parallel
 * per batch by "Carry out upgrade" with {@code batchNodes}.
 */
public final class NodeBackupsProcess {

    private NodeBackupsProcess() {
    }

    public static final String KEY = "nodeBackups";
    /** The collection of "Back up node": the node ids of the batch. */
    public static final String BATCH_NODES = "batchNodes";

    public static final class Elements {
        private Elements() {
        }

        public static final String BACK_UP_NODE = "Task_BackUpNode";
        public static final String BATCH_BACKED_UP = "EndEvent_BatchBackedUp";
    }
}
