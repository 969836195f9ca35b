package io.upgradeorchestrator.rollback;

import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.time.Clock;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.configuration.ConfigurationReport;
import io.upgradeorchestrator.variables.Summaries;
import io.upgradeorchestrator.rollout.UpgradeExecutionProcess;

/**
 * "Record rollback": every wave is back; what was done, for the users' mail and the record, and whether each node's
 * configuration items, read once its old version was verified, are as before the change (drift is an issue).
 */
@Component("recordRollback")
class RecordRollback implements JavaDelegate {

    private final NodeRollback rollback;
    private final ConfigurationReport configurationReport;
    private final Clock clock;

    RecordRollback(NodeRollback rollback, ConfigurationReport configurationReport, Clock clock) {
        this.rollback = rollback;
        this.configurationReport = configurationReport;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        boolean restored = DATA_RESTORE_NEEDED.get(execution, false);
        String done = rollback.summary(upgradeId, restored);
        String configurationAfter = configurationReport.forUpgrade(upgradeId).afterRollback();
        String before = ROLLBACK_SUMMARY.get(execution);
        ROLLBACK_SUMMARY.set(execution, Summaries.fit((before == null ? done : before.strip() + " " + done) + " "
                + configurationAfter));
        OLD_VERSION_SUMMARY.set(execution, Summaries.fit(done.substring(done.indexOf("Old version verified"))));
        ROLLED_BACK.set(execution, true);
        DATA_RESTORED.set(execution, restored);
        UpgradeExecutionProcess.UPGRADE_FINISHED_AT.set(execution, Date.from(clock.instant()));
    }
}
