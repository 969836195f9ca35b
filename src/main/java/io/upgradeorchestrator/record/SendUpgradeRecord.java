package io.upgradeorchestrator.record;

import static io.upgradeorchestrator.record.UpgradeClosureProcess.RECORD_SENT_TO;
import static io.upgradeorchestrator.variables.UpgradeVariables.OWNER_GROUP;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.notification.MailService;
import io.upgradeorchestrator.notification.OutgoingMail;
import io.upgradeorchestrator.notification.RecipientResolver;
import io.upgradeorchestrator.notification.UpgradeMailModel;

/**
 * The closing mail to the requester and the system's owner group, with the upgrade record attached as HTML. The
 * record names people, backup locations and action output: it goes to the team that owns the change, not to the
 * affected users (they got "available again" or "rolled back").
 */
@Component("sendUpgradeRecord")
class SendUpgradeRecord implements JavaDelegate {

    static final String TEMPLATE = "upgrade-closed";

    private final UpgradeRecords records;
    private final MailService mailService;
    private final RecipientResolver recipients;

    SendUpgradeRecord(UpgradeRecords records, MailService mailService, RecipientResolver recipients) {
        this.records = records;
        this.mailService = mailService;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        StoredRecord record = records.find(upgradeId).orElseThrow(() -> new IllegalStateException(
                "No upgrade record of " + upgradeId + " to send: 'Write upgrade record' must run first"));
        List<String> to = recipients.resolve("requester, group:" + OWNER_GROUP.require(execution), upgradeId);
        Map<String, Object> model = new LinkedHashMap<>(UpgradeMailModel.from(execution));
        model.put("issuesFound", records.issues(record).stream().map(Issue::line).toList());
        mailService.send(new OutgoingMail(to, TEMPLATE, model, List.of(records.attachment(record))));
        RECORD_SENT_TO.set(execution, String.join(", ", to));
    }
}
