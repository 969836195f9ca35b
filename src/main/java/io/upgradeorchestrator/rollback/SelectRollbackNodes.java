package io.upgradeorchestrator.rollback;

import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Select nodes to roll back": the nodes of one wave to roll back, to restore and to verify. */
@Component("selectRollbackNodes")
class SelectRollbackNodes implements JavaDelegate {

    private final NodeRollback rollback;

    SelectRollbackNodes(NodeRollback rollback) {
        this.rollback = rollback;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        int wave = ROLLBACK_WAVE.require(execution);
        ROLLBACK_NODES.set(execution, rollback.nodesToRollBack(upgradeId, wave));
        RESTORE_NODES.set(execution, rollback.nodesToRestore(upgradeId, wave));
        VERIFY_NODES.set(execution, rollback.nodesToVerify(upgradeId, wave));
    }
}
