package io.upgradeorchestrator.action;

import java.util.Objects;
import java.util.Set;

/**
 * One action to run.
 *
 * @param idempotencyKey identifies the effect, not the attempt: a retried or re-delivered job passes the same key
 *                       (e.g. {@code upgradeId + ":" + activityId + ":" + node}) and gets the recorded answer
 * @param target         where it acts (node id or host), for the record and messages
 * @param actionName     the runbook entry, e.g. {@code backup-database}
 * @param spec           the runbook template; placeholders are filled from {@code context} before it runs
 * @param secrets        values to mask in everything stored or returned (in addition to secret-named environment
 *                       variables and SQL connection passwords, which are masked anyway)
 */
public record ActionRequest(String idempotencyKey, String upgradeId, String target, String actionName,
                            ActionSpec spec, ActionContext context, Set<String> secrets) {

    public ActionRequest {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("an action needs an idempotency key");
        }
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(actionName, "actionName");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(context, "context");
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
    }
}
