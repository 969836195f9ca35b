package io.upgradeorchestrator.approval;

/** What one approver decides on the approval form. */
public enum ApprovalDecision {
    APPROVE, REJECT, SEND_BACK
}
