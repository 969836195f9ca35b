package io.upgradeorchestrator.browser;

/** The test profile's passwords (application-test.yaml): demo users and the admin account. */
final class Passwords {

    private Passwords() {
    }

    static String of(String user) {
        return "admin".equals(user) ? "test-admin-secret" : "test-secret";
    }
}
