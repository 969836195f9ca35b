package io.upgradeorchestrator.api;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The user the authentication filter found for this request (HTTP Basic against the engine's users), and a way
 * to read across authorization once the caller's right to see an upgrade is established.
 */
@Component
public class CurrentUser {

    private final IdentityService identityService;

    public CurrentUser(IdentityService identityService) {
        this.identityService = identityService;
    }

    public String id() {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication == null) {
            throw new IllegalStateException("No authenticated user: /api/** must be behind the authentication filter");
        }
        return authentication.getUserId();
    }

    /** Runs {@code read} without the caller's authorization checks, then restores them. */
    public <T> T readAsSystem(Supplier<T> read) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return read.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
