package io.upgradeorchestrator.action;

public enum ActionOutcome {
    /** Ran and the answer was "yes". */
    SUCCEEDED,
    /** Ran and the answer was "no": wrong exit code or status, body mismatch, expectation not met, threshold crossed. */
    FAILED,
    /** Could not run at all: missing program, timeout, unreachable host, refused connection. A retry may help. */
    ERROR
}
