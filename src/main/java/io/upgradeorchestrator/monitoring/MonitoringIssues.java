package io.upgradeorchestrator.monitoring;

import java.util.List;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueFinder;
import io.upgradeorchestrator.issues.IssueList;
import io.upgradeorchestrator.issues.UpgradeFacts;

/** Breaches and user reports of monitoring, with their decisions, as the decision rule kept them. */
@Component
class MonitoringIssues implements IssueFinder {

    @Override
    public List<Issue> find(UpgradeFacts facts) {
        return IssueList.parse(facts.text(UpgradeMonitoringProcess.MONITORING_ISSUES.name()));
    }
}
