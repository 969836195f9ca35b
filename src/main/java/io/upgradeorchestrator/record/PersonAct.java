package io.upgradeorchestrator.record;

import java.time.Instant;
import java.util.Map;

/**
 * One act of a person in an upgrade, as the engine saw it: who, when, what kind of act and on what.
 *
 * @param at        when it was done
 * @param who       the user id
 * @param act       what kind of act
 * @param what      what was acted on, in words (the task's name, the timer made due, the variable changed)
 * @param reference the engine's id of what was acted on (task, job, operation), to look it up in Cockpit
 */
public record PersonAct(Instant at, String who, Act act, String what, String reference) {

    /** The kinds of acts; a task the product does not name is {@link #COMPLETED_TASK}. */
    public enum Act {
        REQUESTED,
        REVISED_REQUEST,
        DECIDED_DEFERRAL,
        REVIEWED_IMPACT,
        PLANNED_ROLLBACK,
        RESOLVED_BACKUP_PROBLEM,
        REVIEWED_FAILED_REHEARSAL,
        REPLANNED_WINDOW,
        CONFIRMED_AVAILABILITY,
        DECIDED_APPROVAL,
        DECIDED_REPLAN_OR_CANCEL,
        CHECKED_MANUALLY,
        DECIDED_ROLLBACK,
        DECIDED_MONITORING,
        REPORTED_PROBLEM,
        REVIEWED_UPGRADE,
        COMPLETED_TASK,
        /** An operator made a waiting timer due (started the window early, ended monitoring early…). */
        MADE_TIMER_DUE,
        /** Any other change an operator made through the engine: job retries, variables, suspension… */
        OPERATOR_ACTION
    }

    /** The act of each user task of the product's diagrams, by task definition key. */
    static final Map<String, Act> TASK_ACTS = Map.ofEntries(
            Map.entry("Task_CorrectRequest", Act.REVISED_REQUEST),
            Map.entry("Task_ReviseRequest", Act.REVISED_REQUEST),
            Map.entry("Task_DecideDeferral", Act.DECIDED_DEFERRAL),
            Map.entry("Task_ReviewBusinessImpact", Act.REVIEWED_IMPACT),
            Map.entry("Task_PlanRollback", Act.PLANNED_ROLLBACK),
            Map.entry("Task_ResolveBackupProblem", Act.RESOLVED_BACKUP_PROBLEM),
            Map.entry("Task_ReviewFailedRehearsal", Act.REVIEWED_FAILED_REHEARSAL),
            Map.entry("Task_ReviseWindow", Act.REPLANNED_WINDOW),
            Map.entry("Task_ReplanWindow", Act.REPLANNED_WINDOW),
            Map.entry("Task_ConfirmAvailability", Act.CONFIRMED_AVAILABILITY),
            Map.entry("Task_ApproveUpgrade", Act.DECIDED_APPROVAL),
            Map.entry("Task_ReplanOrCancel", Act.DECIDED_REPLAN_OR_CANCEL),
            Map.entry("Task_CheckManually", Act.CHECKED_MANUALLY),
            Map.entry("Task_DecideRollback", Act.DECIDED_ROLLBACK),
            Map.entry("Task_DecideOnBreach", Act.DECIDED_MONITORING),
            Map.entry("Task_DecideOnUserProblem", Act.DECIDED_MONITORING),
            Map.entry("Task_ReviewUpgrade", Act.REVIEWED_UPGRADE));
}
