package io.upgradeorchestrator.window;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.upgrade.SystemUpgradeProcess;
import io.upgradeorchestrator.variables.UpgradeVariables;

/**
 * The upgrades the engine knows of: every "System upgrade" instance that has not ended (active or suspended,
 * waiting for approval or running) and already has a window.
 */
@Component
class EngineScheduledUpgrades implements ScheduledUpgrades {

    private final RuntimeService runtimeService;

    EngineScheduledUpgrades(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    @Override
    public List<ScheduledUpgrade> between(java.time.Instant from, java.time.Instant to) {
        List<ScheduledUpgrade> upgrades = new ArrayList<>();
        for (ProcessInstance instance : runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(SystemUpgradeProcess.KEY).list()) {
            Map<String, Object> facts = runtimeService.getVariables(instance.getId(), List.of(
                    UpgradeVariables.SYSTEM_ID.name(), UpgradeVariables.WINDOW_START.name(), UpgradeVariables.WINDOW_END.name()));
            if (facts.get(UpgradeVariables.WINDOW_START.name()) instanceof Date start
                    && facts.get(UpgradeVariables.WINDOW_END.name()) instanceof Date end
                    && start.toInstant().isBefore(to) && from.isBefore(end.toInstant())) {
                upgrades.add(new ScheduledUpgrade(instance.getBusinessKey(),
                        (String) facts.get(UpgradeVariables.SYSTEM_ID.name()), start.toInstant(), end.toInstant()));
            }
        }
        upgrades.sort(java.util.Comparator.comparing(ScheduledUpgrade::windowStart));
        return upgrades;
    }

    @Override
    public List<ScheduledUpgrade> ofSystems(Collection<String> systemIds, String excluding) {
        List<ScheduledUpgrade> upgrades = new ArrayList<>();
        for (String systemId : systemIds) {
            List<ProcessInstance> instances = runtimeService.createProcessInstanceQuery()
                    .processDefinitionKey(SystemUpgradeProcess.KEY)
                    .variableValueEquals(UpgradeVariables.SYSTEM_ID.name(), systemId)
                    .list();
            for (ProcessInstance instance : instances) {
                if (instance.getBusinessKey() != null && instance.getBusinessKey().equals(excluding)) {
                    continue;
                }
                Map<String, Object> window = runtimeService.getVariables(instance.getId(),
                        List.of(UpgradeVariables.WINDOW_START.name(), UpgradeVariables.WINDOW_END.name()));
                if (window.get(UpgradeVariables.WINDOW_START.name()) instanceof Date start
                        && window.get(UpgradeVariables.WINDOW_END.name()) instanceof Date end) {
                    upgrades.add(new ScheduledUpgrade(instance.getBusinessKey() == null ? instance.getId()
                            : instance.getBusinessKey(), systemId, start.toInstant(), end.toInstant()));
                }
            }
        }
        return upgrades;
    }
}
