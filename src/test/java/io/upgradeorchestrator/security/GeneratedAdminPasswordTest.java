package io.upgradeorchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class GeneratedAdminPasswordTest {

    private final GeneratedAdminPassword postProcessor = new GeneratedAdminPassword();

    @Test
    void shouldGenerateAStrongPasswordWhenNoneIsConfigured() {
        MockEnvironment environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "admin");

        postProcessor.postProcessEnvironment(environment, null);

        String password = environment.getProperty(GeneratedAdminPassword.PASSWORD_PROPERTY);
        assertThat(password).hasSize(Passwords.LENGTH).isNotEqualTo("admin").matches("[A-Za-z0-9]+");
        assertThat(environment.getProperty(GeneratedAdminPassword.GENERATED_PROPERTY)).isEqualTo(password);
    }

    @Test
    void shouldKeepAConfiguredPassword() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(GeneratedAdminPassword.PASSWORD_PROPERTY, "chosen-by-the-operator");

        postProcessor.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(GeneratedAdminPassword.PASSWORD_PROPERTY)).isEqualTo("chosen-by-the-operator");
        assertThat(environment.getProperty(GeneratedAdminPassword.GENERATED_PROPERTY)).isNull();
    }

    @Test
    void shouldNeverGenerateTheSamePasswordTwice() {
        assertThat(Passwords.generate()).isNotEqualTo(Passwords.generate());
    }
}
