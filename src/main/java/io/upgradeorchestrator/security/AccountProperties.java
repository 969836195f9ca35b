package io.upgradeorchestrator.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo accounts, one per approval role, so a newcomer can try every step. Disable with
 * {@code upgrade-orchestrator.demo-users.enabled=false}. Without {@code password}, each account gets its own
 * generated password, printed once when it is created.
 */
@ConfigurationProperties("upgrade-orchestrator.demo-users")
record AccountProperties(boolean enabled, String password, List<DemoUser> users) {

    AccountProperties {
        users = users == null ? List.of() : users;
    }

    record DemoUser(String id, String firstName, String lastName, String email, List<String> groups) {
        DemoUser {
            groups = groups == null ? List.of() : groups;
        }
    }
}
