package io.upgradeorchestrator.record;

import static io.upgradeorchestrator.record.UpgradeClosureProcess.RECORD_WRITTEN_AT;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Writes and stores the upgrade record from what the process did so far. */
@Component("writeUpgradeRecord")
class WriteUpgradeRecord implements JavaDelegate {

    private final UpgradeRecords records;

    WriteUpgradeRecord(UpgradeRecords records) {
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        records.store(RecordFacts.of(execution), StoredRecord.WRITTEN, now, null);
        RECORD_WRITTEN_AT.set(execution, Date.from(now));
    }
}
