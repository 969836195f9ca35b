package io.upgradeorchestrator.issues;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.upgradeorchestrator.action.ActionRun;
import io.upgradeorchestrator.action.ActionRunRepository;

/**
 * Every recorded action against a target that answered "no" or could not run: a node's upgrade, health check or
 * rollback step makes a failed node; any other step (backups, rehearsal, acceptance checks, log review, baseline
 * probes) a failed check. Monitoring's probe samples are left to monitoring, whose breaches are decided issues.
 */
@Component
class ActionRunIssues implements IssueFinder {

    /** Action names of the runbook steps that act on a node itself. */
    static final Set<String> NODE_STEPS = Set.of("upgrade", "healthCheck", "rollback", "restore", "verifyRestore");
    static final String MONITORING_PROBE_PREFIX = "monitoring probe: ";

    private final ActionRunRepository actionRuns;

    ActionRunIssues(ActionRunRepository actionRuns) {
        this.actionRuns = actionRuns;
    }

    @Override
    public List<Issue> find(UpgradeFacts facts) {
        List<Issue> issues = new ArrayList<>();
        if (facts.upgradeId() == null) {
            return issues;
        }
        for (ActionRun run : actionRuns.findByUpgradeId(facts.upgradeId())) {
            if ((run.status() != ActionRun.Status.FAILED && run.status() != ActionRun.Status.ERROR)
                    || run.actionName().startsWith(MONITORING_PROBE_PREFIX)) {
                continue;
            }
            boolean nodeStep = NODE_STEPS.contains(run.actionName());
            String what = run.actionName() + " on " + run.target()
                    + (run.status() == ActionRun.Status.ERROR ? " could not run" : " failed")
                    + (run.summary() == null ? "" : ": " + run.summary());
            issues.add(Issue.found(run.finishedAt() != null ? run.finishedAt() : run.startedAt(),
                    nodeStep ? IssueSource.FAILED_NODE : IssueSource.FAILED_CHECK, run.target(), what,
                    run.actionName() + " step"));
        }
        return issues;
    }
}
