package io.upgradeorchestrator.inventory;

/** A system id that the inventory does not declare. */
public class UnknownSystemException extends RuntimeException {

    private final String systemId;

    public UnknownSystemException(String systemId) {
        super("No system with id '" + systemId + "' in the inventory");
        this.systemId = systemId;
    }

    public String systemId() {
        return systemId;
    }
}
