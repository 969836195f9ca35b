package io.upgradeorchestrator.action;

public enum ActionKind {
    COMMAND, HTTP_CHECK, SQL_CHECK, LOG_SCAN, FILE_READ
}
