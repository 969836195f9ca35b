package io.upgradeorchestrator.rollout;

import java.util.List;

import io.upgradeorchestrator.variables.Var;

/**
 * "Upgrade wave" ({@code processes/upgrade-wave.bpmn}): upgrades the nodes of one wave in parallel, each node's
 * result in {@code rollout_node_result}, then the wave's health gate. Returns {@code waveTrigger} (null = go on).
 */
public final class UpgradeWaveProcess {

    private UpgradeWaveProcess() {
    }

    public static final String KEY = "upgradeWave";

    /** The wave's node ids; the collection of the node multi-instance. */
    public static final Var<List<String>> WAVE_NODES = Var.list("waveNodes");
    /** The element variable of the node multi-instance. */
    public static final String NODE = "node";

    public static final class Elements {
        private Elements() {
        }

        public static final String SELECT_WAVE_NODES = "Task_SelectWaveNodes";
        /** The multi-instance sub-process of one node: its upgrade, then its health check. */
        public static final String UPGRADE_AND_CHECK_NODE = "SubProcess_UpgradeAndCheckNode";
        public static final String UPGRADE_NODE = "Task_UpgradeNode";
        public static final String CHECK_NODE_HEALTH = "Task_CheckNodeHealth";
        public static final String CHECK_WAVE_HEALTH = "Task_CheckWaveHealth";
        public static final String WAVE_DONE = "EndEvent_WaveUpgraded";
    }
}
