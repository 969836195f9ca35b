package io.upgradeorchestrator.record;

import static io.upgradeorchestrator.record.UpgradeClosureProcess.RECORD_WRITTEN_AT;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.time.Instant;
import java.util.Date;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess;

/** Writes and stores the upgrade record from what the process did so far. */
@Component("writeUpgradeRecord")
class WriteUpgradeRecord implements JavaDelegate {

    private final UpgradeRecords records;
    private final UpgradeHistory history;

    WriteUpgradeRecord(UpgradeRecords records, UpgradeHistory history) {
        this.records = records;
        this.history = history;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        StoredRecord record = records.store(RecordFacts.of(execution), history.of(execution.getProcessInstanceId(),
                UPGRADE_ID.get(execution)), StoredRecord.WRITTEN, now, null);
        // every issue, one per line, for the reviewer's form
        UpgradeMonitoringProcess.ISSUES_FOUND.set(execution, records.issues(record).stream().map(Issue::line)
                .collect(Collectors.joining("\n")));
        RECORD_WRITTEN_AT.set(execution, Date.from(now));
    }
}
