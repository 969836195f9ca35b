package io.upgradeorchestrator.inventory;

public enum Environment {
    PRODUCTION, TEST, PILOT
}
