package io.upgradeorchestrator.verification;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;

import java.time.Clock;
import java.util.Date;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.configuration.ConfigurationReport;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.rollout.NodeStatus;
import io.upgradeorchestrator.rollout.RolloutNodeResult;
import io.upgradeorchestrator.rollout.RolloutNodeResults;
import io.upgradeorchestrator.variables.Summaries;

/** At "Upgrade carried out": the outcome, the finish time and what changed, for monitoring and the record. */
@Component("recordUpgradeCarriedOut")
class RecordUpgradeCarriedOut implements ExecutionListener {

    private final InventoryService inventory;
    private final RolloutNodeResults results;
    private final ConfigurationReport configuration;
    private final Clock clock;

    RecordUpgradeCarriedOut(InventoryService inventory, RolloutNodeResults results, ConfigurationReport configuration,
                            Clock clock) {
        this.inventory = inventory;
        this.results = results;
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        InventorySystem system = inventory.require(SYSTEM_ID.require(execution));
        var nodes = results.findByUpgradeId(upgradeId);
        long upgraded = nodes.stream().filter(node -> node.status() == NodeStatus.UPGRADED).count();
        String releases = nodes.stream().filter(node -> node.status() == NodeStatus.UPGRADED)
                .collect(Collectors.groupingBy(RolloutNodeResult::fromVersion, java.util.TreeMap::new,
                        Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " node(s) from " + e.getKey())
                .collect(Collectors.joining(", "));
        // what the snapshots before and after the change show, not what the inventory merely lists
        String items = system.configurationItems().isEmpty() ? "none declared in the inventory."
                : configuration.forUpgrade(upgradeId).summary();
        CHANGED_CONFIGURATION.set(execution, Summaries.fit("Release switched to " + nodes.stream().findFirst()
                .map(RolloutNodeResult::targetVersion).orElse("?") + " on " + upgraded + " of " + nodes.size()
                + " production node(s) (" + releases + ") by the runbook's upgrade step. Configuration items: "
                + items));
        EXECUTION_OUTCOME.set(execution, COMPLETED);
        UPGRADE_FINISHED_AT.set(execution, Date.from(clock.instant()));
        if (VERIFICATION_PASSED.get(execution) == null) {
            VERIFICATION_PASSED.set(execution, CORE_CHECKS_PASSED.get(execution, false));
        }
    }
}
