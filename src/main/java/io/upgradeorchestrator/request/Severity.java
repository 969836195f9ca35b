package io.upgradeorchestrator.request;

/** How severe the problem behind a security fix or bug is, where the requester knows it. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
