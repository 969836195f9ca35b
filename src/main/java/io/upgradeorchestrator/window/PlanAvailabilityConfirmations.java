package io.upgradeorchestrator.window;

import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.AVAILABILITY_ANSWERS;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.SUPPORT_AVAILABLE;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.SUPPORT_CONFIRMATIONS;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.SUPPORT_ROLES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;

/** Starts a round of availability confirmations: one per on-call role the inventory names for the system. */
@Component("planAvailabilityConfirmations")
class PlanAvailabilityConfirmations implements JavaDelegate {

    private final InventoryService inventory;

    PlanAvailabilityConfirmations(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        List<Map<String, Object>> roles = system.onCallRoles().stream().map(role -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("role", role.role());
            entry.put("group", role.group());
            return entry;
        }).toList();
        SUPPORT_ROLES.set(execution, roles);
        AVAILABILITY_ANSWERS.set(execution, List.of());
        SUPPORT_AVAILABLE.set(execution, true);
        SUPPORT_CONFIRMATIONS.set(execution, roles.isEmpty()
                ? "The inventory names no on-call roles for " + system.name() + ": nobody was asked." : null);
    }
}
