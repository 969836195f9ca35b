package io.upgradeorchestrator.rulechange;

import java.time.Instant;
import java.util.List;

/** A rule change as stored: what was submitted, by whom, and what became of it. */
public record RuleChange(String id, String deploymentName, Status status, String submittedBy, Instant submittedAt,
                         String decidedBy, Instant decidedAt, String decisionComment, String deploymentId,
                         Instant deployedAt, String processInstanceId, List<String> files) {

    public enum Status {
        /** Waiting for a second process owner. */
        PENDING,
        /** Approved; the deployment is on its way (a job of the approval process). */
        APPROVED,
        REJECTED,
        DEPLOYED
    }
}
