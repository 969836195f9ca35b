package io.upgradeorchestrator.rollout;

/**
 * "Run acceptance checks on nodes" ({@code processes/node-acceptance-checks.bpmn}): the acceptance checks of one
 * batch of production nodes (a wave of the plan), one external task per node
 * ({@link io.upgradeorchestrator.worker.StepTopics#ACCEPTANCE}). Called in parallel per batch by "Carry out upgrade".
 */
public final class NodeAcceptanceChecksProcess {

    private NodeAcceptanceChecksProcess() {
    }

    public static final String KEY = "nodeAcceptanceChecks";

    public static final class Elements {
        private Elements() {
        }

        public static final String CHECK_NODE_ACCEPTANCE = "Task_CheckNodeAcceptance";
        public static final String BATCH_CHECKED = "EndEvent_BatchChecked";
    }
}
