package io.upgradeorchestrator.announcement;

import static io.upgradeorchestrator.variables.UpgradeVariables.CURRENT_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.DATA_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.RELEASE_NOTES_URL;
import static io.upgradeorchestrator.variables.UpgradeVariables.STAGED_ROLLOUT;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_END;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.notification.RecipientResolver;
import io.upgradeorchestrator.notification.UpgradeMailModel;

/** Gathers what the announcement and the reminder say, from the inventory and the upgrade's variables. */
@Component
class AnnouncementMail {

    private final InventoryService inventory;
    private final RecipientResolver recipients;
    private final AnnouncementProperties properties;

    AnnouncementMail(InventoryService inventory, RecipientResolver recipients, AnnouncementProperties properties) {
        this.inventory = inventory;
        this.recipients = recipients;
        this.properties = properties;
    }

    Announcement announcement(DelegateExecution execution) {
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        Map<String, Object> model = UpgradeMailModel.from(execution);
        AnnouncementWriter.UpgradeFacts facts = new AnnouncementWriter.UpgradeFacts(UPGRADE_ID.require(execution),
                CURRENT_VERSION.get(execution), TARGET_VERSION.require(execution), text(model.get(WINDOW_START.name())), text(model.get(WINDOW_END.name())),
                STAGED_ROLLOUT.get(execution, false), DATA_MIGRATION.get(execution, false),
                RELEASE_NOTES_URL.get(execution));
        Map<String, List<String>> contacts = new LinkedHashMap<>();
        for (String group : AnnouncementWriter.contactGroups(system, properties.contactGroups())) {
            contacts.put(group, recipients.groupAddresses(group));
        }
        return AnnouncementWriter.write(system, inventory.dependentsOf(system.id()), facts, contacts);
    }

    /** The upgrade's simple variables plus what the announcement says, as the mail templates expect them. */
    Map<String, Object> model(DelegateExecution execution, Announcement announcement) {
        Map<String, Object> model = new LinkedHashMap<>(UpgradeMailModel.from(execution));
        model.putIfAbsent("systemName", inventory.require(SYSTEM_ID.require(execution)).name());
        model.put("expectedImpact", announcement.expectedImpact());
        model.put("limitations", announcement.limitations());
        model.put("avoid", announcement.avoid());
        model.put("contact", announcement.contact());
        return model;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
