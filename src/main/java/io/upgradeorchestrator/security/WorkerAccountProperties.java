package io.upgradeorchestrator.security;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Accounts of remote runbook-step workers, under {@code upgrade-orchestrator.worker-accounts}: each is created in
 * group {@code step-workers} on the first start that lists it. Without {@code password} (e.g.
 * {@code UPGRADEORCHESTRATOR_WORKERACCOUNTS_PASSWORD}), each gets its own generated password, printed once.
 *
 * @param users    worker account ids, letters and digits (the engine's rule for user ids), e.g. {@code workerfra}:
 *                 one per remote worker or site
 * @param password the password of accounts created at this start; empty = generated
 * @param zones    per account, the zones whose steps it may work on (e.g. {@code workerfra: [fra]}); an account
 *                 not named here may work on every zone of {@code upgrade-orchestrator.worker.remote-zones}, never on
 *                 the application's own steps (security.StepWorkerScope)
 */
@ConfigurationProperties("upgrade-orchestrator.worker-accounts")
record WorkerAccountProperties(List<String> users, String password, Map<String, List<String>> zones) {

    WorkerAccountProperties {
        users = users == null ? List.of() : List.copyOf(users);
        zones = zones == null ? Map.of() : Map.copyOf(zones);
        for (String user : users) {
            if (user == null || !user.matches("[a-zA-Z0-9]+")) {
                throw new IllegalArgumentException("upgrade-orchestrator.worker-accounts.users: '" + user + "' is not"
                        + " a valid account id; use letters and digits only, e.g. workerfra");
            }
        }
    }
}
