package io.upgradeorchestrator.request;

import static io.upgradeorchestrator.variables.UpgradeVariables.DEFERRAL_REASON;
import static io.upgradeorchestrator.variables.UpgradeVariables.DEFER_UPGRADE;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The system owner's deferral decision must be stated, and a deferral must say why (the requester reads it). */
@Component("deferralDecisionRule")
class DeferralDecisionRule implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Object defer = task.getVariable(DEFER_UPGRADE.name());
        if (!(defer instanceof Boolean deferUpgrade)) {
            throw new BadUserRequestException("deferUpgrade: answer yes or no (true/false)");
        }
        String reason = DEFERRAL_REASON.get(task);
        if (deferUpgrade && (reason == null || reason.isBlank())) {
            throw new BadUserRequestException("deferralReason: say why the upgrade should wait");
        }
    }
}
