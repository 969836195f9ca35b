package io.upgradeorchestrator.action;

/**
 * The action's definition is wrong (unknown placeholder, unknown SQL connection, bad regex or expectation):
 * a runbook or configuration bug that no retry can fix. Thrown before anything runs or is recorded.
 */
public class InvalidActionException extends IllegalArgumentException {

    public InvalidActionException(String message) {
        super(message);
    }
}
