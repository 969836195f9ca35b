package io.upgradeorchestrator.rollout;

import java.util.Map;


/** The per-node runbook steps by their element ids in the three step diagrams. */
final class NodeSteps {

    static final String BACKUP = "backup";
    static final String UPGRADE = "upgrade";
    static final String HEALTH = "health";
    static final String ACCEPTANCE = "acceptance";

    private static final Map<String, String> BY_ELEMENT = Map.of(
            NodeBackupsProcess.Elements.BACK_UP_NODE, BACKUP,
            UpgradeWaveProcess.Elements.UPGRADE_NODE, UPGRADE,
            UpgradeWaveProcess.Elements.CHECK_NODE_HEALTH, HEALTH,
            NodeAcceptanceChecksProcess.Elements.CHECK_NODE_ACCEPTANCE, ACCEPTANCE);

    private NodeSteps() {
    }

    static String of(String elementId) {
        String step = BY_ELEMENT.get(elementId);
        if (step == null) {
            throw new IllegalStateException(elementId + " is not a per-node runbook step");
        }
        return step;
    }
}
