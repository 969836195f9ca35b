package io.upgradeorchestrator.configuration;

/**
 * An issue found: after a rollback, a configuration item of a node is not as it was before the change.
 *
 * @param beforeSha256 {@code null} when the item was missing before
 * @param afterSha256  {@code null} when the item is missing after the rollback
 * @param diff         unified diff before → after the rollback, when both were read
 */
public record ConfigurationDrift(String node, String item, ItemChange.Status status, String beforeSha256,
                                 String afterSha256, String diff) {

    /** One line for the record's issues. */
    public String describe() {
        return "Configuration drift after the rollback: '" + item + "' on " + node + " is "
                + switch (status) {
                    case NEW -> "there, but was missing before the change";
                    case MISSING -> "missing, but was there before the change (SHA-256 " + beforeSha256 + ")";
                    default -> "not as before the change (SHA-256 " + beforeSha256 + " before, " + afterSha256
                            + " now)";
                };
    }
}
