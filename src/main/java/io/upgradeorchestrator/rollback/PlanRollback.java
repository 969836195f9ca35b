package io.upgradeorchestrator.rollback;

import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.DATA_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.IRREVERSIBLE_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Plan rollback": the waves to return, latest first, and whether the final backups' data must be restored. */
@Component("planRollback")
class PlanRollback implements JavaDelegate {

    private final NodeRollback rollback;

    PlanRollback(NodeRollback rollback) {
        this.rollback = rollback;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ROLLBACK_WAVES.set(execution, rollback.wavesLatestFirst(UPGRADE_ID.require(execution)));
        DATA_RESTORE_NEEDED.set(execution, IRREVERSIBLE_MIGRATION.get(execution, false)
                || DATA_MIGRATION.get(execution, false));
        DATA_RESTORED.set(execution, false);
        ROLLED_BACK.set(execution, false);
    }
}
