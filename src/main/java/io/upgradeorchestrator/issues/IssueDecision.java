package io.upgradeorchestrator.issues;

/** What was decided about an issue. */
public enum IssueDecision {
    ROLL_BACK,
    /** The rollout went on despite the trigger. */
    CONTINUE,
    FIX_FORWARD,
    ACCEPT
}
