package io.upgradeorchestrator.configuration;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueFinder;
import io.upgradeorchestrator.issues.IssueSource;
import io.upgradeorchestrator.issues.UpgradeFacts;

/**
 * A configuration item that, after a rollback, is not as it was before the change: an issue found by the
 * configuration check, with its diff, to be looked at by a person (nothing decides it automatically).
 */
@Component
class ConfigurationDriftIssues implements IssueFinder {

    private final ConfigurationReport report;

    ConfigurationDriftIssues(ConfigurationReport report) {
        this.report = report;
    }

    @Override
    public List<Issue> find(UpgradeFacts facts) {
        if (facts.upgradeId() == null) {
            return List.of();
        }
        ConfigurationReport.Report configuration = report.forUpgrade(facts.upgradeId());
        return configuration.drift().stream().map(drift -> Issue.found(readAt(configuration, drift),
                IssueSource.CONFIGURATION_DRIFT, drift.node() + " / " + drift.item(),
                drift.describe() + (drift.diff() == null ? "" : "\n" + drift.diff()), "configuration check"))
                .toList();
    }

    /** When the drifted item was read after the rollback. */
    private static Instant readAt(ConfigurationReport.Report configuration, ConfigurationDrift drift) {
        return configuration.items().stream()
                .filter(item -> item.node().equals(drift.node()) && item.item().equals(drift.item()))
                .map(ConfigurationReport.NodeItem::afterRollback)
                .filter(reading -> reading != null && reading.capturedAt() != null)
                .map(reading -> Instant.parse(reading.capturedAt())).findFirst().orElse(null);
    }
}
