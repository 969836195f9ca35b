package io.upgradeorchestrator.cockpit;

import java.time.Instant;
import java.util.List;

import io.upgradeorchestrator.approval.ApprovalEntry;
import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.record.PersonAct;
import io.upgradeorchestrator.upgrade.UpgradeView;

/**
 * An upgrade's summary and its record so far, as the Cockpit tab shows it: where it stands (phase, status, open
 * tasks, incidents), what was asked, every approval round with who decided what, every action run against the
 * target with its result, the issues found so far and every act of a person: the same data as the upgrade record.
 */
public record UpgradeSummary(
        UpgradeView upgrade,
        String windowText,
        String approversSummary,
        List<ApprovalRound> approvalRounds,
        List<ActionRunLine> actionRuns,
        List<Issue> issues,
        List<PersonAct> acts) {

    /** One run of the approval process: its outcome (empty while open) and the decisions given in it. */
    public record ApprovalRound(int round, String processInstanceId, String outcome, List<ApprovalEntry> approvals) {
    }

    /** One recorded action against a target, without its (masked, bounded) output. */
    public record ActionRunLine(String actionName, String target, String kind, String description, String status,
                                int attempts, Integer exitCode, Integer httpStatus, Instant startedAt,
                                Instant finishedAt, Long durationMs, String summary) {
    }
}
