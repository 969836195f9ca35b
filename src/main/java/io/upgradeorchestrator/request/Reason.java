package io.upgradeorchestrator.request;

/** Why an upgrade is needed. The classification decision turns it into urgency and change type. */
public enum Reason {
    SECURITY_FIX, CRITICAL_BUG, COMPLIANCE, END_OF_SUPPORT, PERFORMANCE, NEW_FEATURES, HARDWARE_SUPPORT, ARCHITECTURE,
    OPTIONAL
}
