package io.upgradeorchestrator.assessment;

import static io.upgradeorchestrator.assessment.AssessmentVariables.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.OWNER_GROUP;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;

/** Copies the inventory's facts about the system and its dependencies into the upgrade. */
@Component("takeInventorySnapshot")
class TakeInventorySnapshot implements JavaDelegate {

    private final InventoryService inventory;

    TakeInventorySnapshot(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String systemId = SYSTEM_ID.require(execution);
        InventorySystem system = inventory.findById(systemId).orElseThrow(() -> new IllegalStateException(
                "System '" + systemId + "' is no longer in the inventory: restore it in inventory/ or cancel the upgrade"));
        InventorySnapshot snapshot = InventorySnapshot.of(system, inventory.dependentsOf(systemId));
        TIER.set(execution, snapshot.tier());
        TIER_LABEL.set(execution, snapshot.tierLabel());
        OWNER_GROUP.set(execution, snapshot.ownerGroup());
        BUSINESS_SERVICES.set(execution, snapshot.businessServices());
        PEAK_PERIODS.set(execution, snapshot.peakPeriods());
        CRITICAL_USER_GROUPS.set(execution, snapshot.criticalUserGroups());
        SLA_SUMMARY.set(execution, snapshot.slaSummary());
        COMPLIANCE_TAGS.set(execution, snapshot.complianceTags());
        ON_CALL_ROLES.set(execution, snapshot.onCallRoles());
        NODE_SUMMARY.set(execution, snapshot.nodeSummary());
        PRODUCTION_NODE_COUNT.set(execution, snapshot.productionNodeCount());
        VERSION_DRIFT.set(execution, snapshot.versionDrift());
        DRIFT_SUMMARY.set(execution, snapshot.driftSummary());
        COMPONENT_SUMMARY.set(execution, snapshot.componentSummary());
        DEPENDS_ON.set(execution, snapshot.dependsOn());
        DEPENDENTS.set(execution, snapshot.dependents());
        CONFIGURATION_ITEMS.set(execution, snapshot.configurationItems());
    }
}
