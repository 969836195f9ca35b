package io.upgradeorchestrator.rollout;

/**
 * "Decide on rollback" ({@code processes/rollback-decision.bpmn}), called by "Carry out upgrade" at every rollback
 * trigger: automatically by the plan, or by the rollback decision owner before the deadline, else by the deadline
 * policy.
 */
public final class RollbackDecisionProcess {

    private RollbackDecisionProcess() {
    }

    public static final String KEY = "rollbackDecision";

    /** The diagram's element ids, for tests and for anyone reading the history. */
    public static final class Elements {

        private Elements() {
        }

        public static final String ROLLBACK_AUTOMATIC = "Gateway_RollbackAutomatic";
        public static final String DECIDE_ROLLBACK = "Task_DecideRollback";
        public static final String DEADLINE_REACHED = "BoundaryEvent_RollbackDeadlineReached";
        public static final String APPLY_DEADLINE_POLICY = "Task_ApplyDeadlinePolicy";
    }
}
