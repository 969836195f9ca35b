package io.upgradeorchestrator.security;

import java.util.List;

/** The approval roles as engine groups. Systems' owner groups come from the inventory. */
public final class Groups {

    private Groups() {
    }

    public static final String REQUESTERS = "requesters";
    public static final String CHANGE_MANAGERS = "change-managers";
    public static final String CAB = "cab";
    public static final String EMERGENCY_BOARD = "emergency-board";
    public static final String OPERATIONS = "operations";
    public static final String DBA = "dba";
    public static final String SECURITY = "security";
    public static final String PROCESS_OWNERS = "process-owners";
    /**
     * Accounts of runbook-step workers (remote workers log in to /engine-rest with one): they fetch, complete and
     * report the steps of the three step diagrams and do nothing else. Not a role of people: no Tasklist, no filters.
     */
    public static final String STEP_WORKERS = "step-workers";

    /** Id and display name of every fixed group. */
    public static final List<String[]> ROLES = List.of(
            new String[] {REQUESTERS, "Requesters"},
            new String[] {CHANGE_MANAGERS, "Change managers"},
            new String[] {CAB, "Change advisory board"},
            new String[] {EMERGENCY_BOARD, "Emergency change board"},
            new String[] {OPERATIONS, "Operations"},
            new String[] {DBA, "Database administrators"},
            new String[] {SECURITY, "Security"},
            new String[] {PROCESS_OWNERS, "Process owners"});
}
