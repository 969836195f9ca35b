package io.upgradeorchestrator.record;

import static io.upgradeorchestrator.record.UpgradeClosureProcess.RECORD_COMPLETED_AT;
import static io.upgradeorchestrator.record.UpgradeClosureProcess.RECORD_WRITTEN_AT;
import static io.upgradeorchestrator.record.UpgradeClosureProcess.REVIEWED_AT;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Writes the record again with the review's lessons and follow-ups and every mail sent since; stores it. */
@Component("completeUpgradeRecord")
class CompleteUpgradeRecord implements JavaDelegate {

    private final UpgradeRecords records;
    private final UpgradeHistory history;

    CompleteUpgradeRecord(UpgradeRecords records, UpgradeHistory history) {
        this.records = records;
        this.history = history;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Date written = RECORD_WRITTEN_AT.get(execution);
        Date reviewed = REVIEWED_AT.get(execution);
        records.store(RecordFacts.of(execution), history.of(execution.getProcessInstanceId(),
                UPGRADE_ID.get(execution)), StoredRecord.REVIEWED, written == null ? now : written.toInstant(),
                reviewed == null ? now : reviewed.toInstant());
        RECORD_COMPLETED_AT.set(execution, Date.from(now));
    }
}
