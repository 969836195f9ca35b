package io.upgradeorchestrator.approval;

import java.time.Instant;

/** One approver's decision, kept for the requester, the next approver and the upgrade record. */
public record ApprovalEntry(String approver, String approverGroup, String decision, String comment, String decidedAt) {

    static ApprovalEntry of(String approver, String group, ApprovalDecision decision, String comment, Instant at) {
        return new ApprovalEntry(approver, group, decision.name(), comment, at.toString());
    }
}
