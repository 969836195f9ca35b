package io.upgradeorchestrator.approval;

/** Where an approval round stands; the gateways of both diagrams branch on these names. */
public enum ApprovalOutcome {
    PENDING, APPROVED, REJECTED, SENT_BACK
}
