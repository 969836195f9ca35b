package io.upgradeorchestrator.rollback;

import java.util.List;

import io.upgradeorchestrator.variables.Var;

/**
 * "Roll back upgrade" ({@code processes/upgrade-rollback.bpmn}): wave by wave, latest first ("Roll back wave",
 * {@code node-rollbacks.bpmn}), returns every node the upgrade changed to its final backup, restores data where
 * needed and verifies the old version, each node a runbook step of its own for the workers; then records what was
 * done and tells the users. "Carry out upgrade" calls it when a rollback is decided; the main process uses it as the
 * compensation handler of "Carry out upgrade".
 */
public final class UpgradeRollbackProcess {

    private UpgradeRollbackProcess() {
    }

    public static final String KEY = "upgradeRollback";
    /** "Roll back wave": the nodes of one wave, each step a work item (node-rollbacks.bpmn). */
    public static final String NODE_ROLLBACKS_KEY = "nodeRollbacks";

    public static final Var<Boolean> ROLLED_BACK = Var.bool("rolledBack");
    public static final Var<Boolean> DATA_RESTORED = Var.bool("dataRestored");
    /** What the rollback did, wave by wave and node by node. */
    public static final Var<String> ROLLBACK_SUMMARY = Var.text("rollbackSummary");
    /** Whether the final backup must be restored: the migration was irreversible or data changed. */
    public static final Var<Boolean> DATA_RESTORE_NEEDED = Var.bool("dataRestoreNeeded");
    public static final Var<String> OLD_VERSION_SUMMARY = Var.text("oldVersionSummary");
    public static final Var<String> ROLLBACK_NOTIFIED_TO = Var.text("rollbackNotifiedTo");

    /** Every wave of the plan, latest first: the collection of "Roll back wave". */
    public static final Var<List<Integer>> ROLLBACK_WAVES = Var.list("rollbackWaves");
    /** The wave one "Roll back wave" instance returns (its element variable, passed in). */
    public static final Var<Integer> ROLLBACK_WAVE = Var.integer("rollbackWave");
    /** In node-rollbacks.bpmn: the wave's changed nodes, latest in the plan first. */
    public static final Var<List<String>> ROLLBACK_NODES = Var.list("rollbackNodes");
    /** In node-rollbacks.bpmn: the wave's nodes the upgrade reached, whose data is restored when needed. */
    public static final Var<List<String>> RESTORE_NODES = Var.list("restoreNodes");
    /** In node-rollbacks.bpmn: every node of the wave, each verified on its old release. */
    public static final Var<List<String>> VERIFY_NODES = Var.list("verifyNodes");

    public static final class Elements {
        private Elements() {
        }

        public static final String PLAN_ROLLBACK = "Task_PlanRollback";
        public static final String ROLL_BACK_WAVES = "CallActivity_RollBackWaves";
        public static final String RECORD_ROLLBACK = "Task_RecordRollback";
        public static final String TELL_USERS = "Task_TellUsersRolledBack";
        public static final String ROLLED_BACK_END = "EndEvent_UpgradeRolledBack";
    }

    /** node-rollbacks.bpmn. */
    public static final class NodeRollbackElements {
        private NodeRollbackElements() {
        }

        public static final String SELECT_NODES = "Task_SelectRollbackNodes";
        public static final String ROLL_BACK_NODE = "Task_RollBackNode";
        public static final String DATA_TO_RESTORE = "Gateway_DataToRestore";
        public static final String RESTORE_NODE = "Task_RestoreNode";
        public static final String VERIFY_OLD_VERSION = "Task_VerifyOldVersion";
        public static final String WAVE_ROLLED_BACK = "EndEvent_WaveRolledBack";
    }
}
