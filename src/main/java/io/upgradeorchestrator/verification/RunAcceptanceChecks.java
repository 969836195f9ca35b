package io.upgradeorchestrator.verification;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER_DETAIL;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.rollout.RolloutNodeResults;
import io.upgradeorchestrator.variables.Summaries;

/** Runs the acceptance checks, CORE first; a CORE failure becomes the rollback trigger CORE_CHECK_FAILED. */
@Component("runAcceptanceChecks")
class RunAcceptanceChecks implements JavaDelegate {

    private final InventoryService inventory;
    private final RolloutNodeResults results;
    private final Verification verification;

    RunAcceptanceChecks(InventoryService inventory, RolloutNodeResults results, Verification verification) {
        this.inventory = inventory;
        this.results = results;
        this.verification = verification;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        Verification.Acceptance acceptance = verification.acceptance(upgradeId, ROLLOUT_RUN_ID.require(execution),
                inventory.require(SYSTEM_ID.require(execution)), results.findByUpgradeId(upgradeId));
        CORE_CHECKS_PASSED.set(execution, acceptance.corePassed());
        VERIFICATION_PASSED.set(execution, acceptance.allPassed());
        VERIFICATION_SUMMARY.set(execution, Summaries.fit(acceptance.summary()));
        if (!acceptance.corePassed()) {
            ROLLBACK_TRIGGER.set(execution, Triggers.CORE_CHECK_FAILED);
            ROLLBACK_TRIGGER_DETAIL.set(execution, Summaries.fit(acceptance.coreFailure()));
        }
    }
}
