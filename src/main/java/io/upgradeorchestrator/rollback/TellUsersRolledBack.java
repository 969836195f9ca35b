package io.upgradeorchestrator.rollback;

import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.*;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.DATA_LOSS_WINDOW;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.notification.MailService;
import io.upgradeorchestrator.notification.OutgoingMail;
import io.upgradeorchestrator.notification.UpgradeMailModel;
import io.upgradeorchestrator.variables.Summaries;

/**
 * Tells the users the system is back on its old version: the same people the announcement reached (the system's
 * notification list and those of the systems that depend on it).
 */
@Component("tellUsersRolledBack")
class TellUsersRolledBack implements JavaDelegate {

    static final String TEMPLATE = "upgrade-rolled-back";

    private final InventoryService inventory;
    private final MailService mailService;
    private final RollbackProperties properties;

    TellUsersRolledBack(InventoryService inventory, MailService mailService, RollbackProperties properties) {
        this.inventory = inventory;
        this.mailService = mailService;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        List<String> recipients = recipients(system, inventory.dependentsOf(system.id()));
        Map<String, Object> model = new LinkedHashMap<>(UpgradeMailModel.from(execution));
        model.putIfAbsent("systemName", system.name());
        List<String> limitations = new ArrayList<>();
        if (DATA_RESTORED.get(execution, false)) {
            String window = DATA_LOSS_WINDOW.get(execution);
            limitations.add("Data was restored from the backup taken at the start of the maintenance window: "
                    + "entries made after that may have to be made again"
                    + (window == null || window.isBlank() ? "." : " (" + window + ")."));
        }
        if (!limitations.isEmpty()) {
            model.put("limitations", limitations);
        }
        model.put("nextSteps", "The upgrade will be planned again; you will get a new announcement before it.");
        model.put("contact", properties.contact());
        mailService.send(new OutgoingMail(recipients, TEMPLATE, model, List.of()));
        ROLLBACK_NOTIFIED_TO.set(execution, Summaries.fit(String.join(", ", recipients)));
    }

    static List<String> recipients(InventorySystem system, List<InventorySystem> dependents) {
        List<String> recipients = system.affectedUsers(dependents);
        if (recipients.isEmpty()) {
            throw new IllegalStateException("Nobody to tell that " + system.id() + " is back on its old version: "
                    + "add a notificationList to the inventory");
        }
        return recipients;
    }
}
