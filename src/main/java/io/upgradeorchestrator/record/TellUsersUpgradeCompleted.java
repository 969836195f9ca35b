package io.upgradeorchestrator.record;

import static io.upgradeorchestrator.record.UpgradeClosureProcess.COMPLETION_SENT_TO;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.CHANGED_CONFIGURATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.CURRENT_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.PURPOSE;
import static io.upgradeorchestrator.variables.UpgradeVariables.RELEASE_NOTES_URL;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_NAME;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueDecision;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.notification.MailService;
import io.upgradeorchestrator.notification.OutgoingMail;
import io.upgradeorchestrator.notification.RecipientResolver;
import io.upgradeorchestrator.notification.UpgradeMailModel;

/**
 * Tells the affected users (the system's notification list and those of the systems that depend on it) that the
 * system is available again on the new version, what changed and the known limitations (issues accepted or still
 * being fixed forward during monitoring).
 */
@Component("tellUsersUpgradeCompleted")
class TellUsersUpgradeCompleted implements JavaDelegate {

    static final String TEMPLATE = "upgrade-completed";

    private final InventoryService inventory;
    private final MailService mailService;
    private final RecipientResolver recipients;
    private final UpgradeRecords records;
    private final UpgradeHistory history;

    TellUsersUpgradeCompleted(InventoryService inventory, MailService mailService, RecipientResolver recipients,
                              UpgradeRecords records, UpgradeHistory history) {
        this.inventory = inventory;
        this.mailService = mailService;
        this.recipients = recipients;
        this.records = records;
        this.history = history;
    }

    @Override
    public void execute(DelegateExecution execution) {
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        List<String> to = affectedUsers(system, inventory.dependentsOf(system.id()));
        Map<String, Object> model = new LinkedHashMap<>(UpgradeMailModel.from(execution));
        model.putIfAbsent(SYSTEM_NAME.name(), system.name());
        model.put("whatChanged", whatChanged(model));
        model.put("knownLimitations", knownLimitations(records.issues(RecordFacts.of(execution),
                history.of(execution.getProcessInstanceId(), UPGRADE_ID.get(execution)))));
        model.put("releaseNotesLink", RELEASE_NOTES_URL.from(model));
        model.put("contact", contact(system));
        mailService.send(new OutgoingMail(to, TEMPLATE, model));
        COMPLETION_SENT_TO.set(execution, String.join(", ", to));
    }

    static List<String> affectedUsers(InventorySystem system, List<InventorySystem> dependents) {
        List<String> to = system.affectedUsers(dependents);
        if (to.isEmpty()) {
            throw new IllegalStateException("Nobody to tell that " + system.id() + " is upgraded: the inventory gives"
                    + " no notificationList for it or the systems that depend on it");
        }
        return to;
    }

    private static List<String> whatChanged(Map<String, Object> model) {
        List<String> lines = new ArrayList<>();
        lines.add("Version " + TARGET_VERSION.from(model) + (CURRENT_VERSION.from(model) == null ? ""
                : " replaces " + CURRENT_VERSION.from(model)));
        Object purpose = PURPOSE.from(model);
        if (purpose != null) {
            lines.add("Purpose: " + purpose);
        }
        Object configuration = CHANGED_CONFIGURATION.from(model);
        if (configuration != null) {
            configuration.toString().lines().map(String::strip).filter(l -> !l.isEmpty())
                    .forEach(line -> lines.add("Configuration: " + line));
        }
        return lines;
    }

    /** What users may notice: issues accepted or being fixed forward, without who decided. */
    static List<String> knownLimitations(List<Issue> issues) {
        return issues.stream().filter(Issue::knownLimitation)
                .map(issue -> issue.source() + ": " + issue.what() + (issue.decision() == IssueDecision.FIX_FORWARD
                        ? " (a fix is on its way)" : " (accepted for now)"))
                .toList();
    }

    private String contact(InventorySystem system) {
        List<String> owners = recipients.groupAddresses(system.ownerGroup());
        return owners.isEmpty() ? null : "the owners of " + system.name() + ": " + String.join(", ", owners);
    }
}
