package io.upgradeorchestrator.monitoring;

/**
 * A problem a user noticed after the upgrade: {@code {"description": "...", "contact": "..."}}.
 *
 * @param description what does not work as before
 * @param contact     how operations reach the reporter (phone, e-mail, team)
 */
public record ProblemReport(String description, String contact) {
}
