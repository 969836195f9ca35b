package io.upgradeorchestrator.inventory;

/** The five upgrade areas of the compatibility review. */
public enum Area {
    APPLICATION("Application version"),
    DATABASE("Database"),
    OPERATING_SYSTEM("Operating system"),
    NETWORK_SECURITY("Network and security"),
    ENDPOINTS_CLIENTS("Endpoints and clients");

    private final String label;

    Area(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
