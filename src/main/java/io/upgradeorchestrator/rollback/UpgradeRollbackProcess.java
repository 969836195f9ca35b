package io.upgradeorchestrator.rollback;

import io.upgradeorchestrator.variables.Var;

/**
 * "Roll back upgrade" ({@code processes/upgrade-rollback.bpmn}): returns every node the upgrade changed to its final
 * backup (reverse order), restores data where needed, verifies the old version and tells the users. The main
 * process uses it as the compensation handler of "Carry out upgrade"; "Carry out upgrade" calls it after its own
 * wave-by-wave compensation, when it finds nothing left to roll back but still restores, verifies and tells.
 */
public final class UpgradeRollbackProcess {

    private UpgradeRollbackProcess() {
    }

    public static final String KEY = "upgradeRollback";

    public static final Var<Boolean> ROLLED_BACK = Var.bool("rolledBack");
    public static final Var<Boolean> DATA_RESTORED = Var.bool("dataRestored");
    /** What the rollback did, wave by wave and node by node. */
    public static final Var<String> ROLLBACK_SUMMARY = Var.text("rollbackSummary");
    /** Whether the final backup must be restored: the migration was irreversible or data changed. */
    public static final Var<Boolean> DATA_RESTORE_NEEDED = Var.bool("dataRestoreNeeded");
    public static final Var<String> OLD_VERSION_SUMMARY = Var.text("oldVersionSummary");
    public static final Var<String> ROLLBACK_NOTIFIED_TO = Var.text("rollbackNotifiedTo");

    public static final class Elements {
        private Elements() {
        }

        public static final String ROLL_BACK_NODES = "Task_RollBackUpgradedNodes";
        public static final String DATA_TO_RESTORE = "Gateway_DataToRestore";
        public static final String RESTORE_DATA = "Task_RestoreData";
        public static final String VERIFY_OLD_VERSION = "Task_VerifyOldVersion";
        public static final String TELL_USERS = "Task_TellUsersRolledBack";
        public static final String ROLLED_BACK_END = "EndEvent_UpgradeRolledBack";
    }
}
