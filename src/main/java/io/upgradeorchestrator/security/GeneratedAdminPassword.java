package io.upgradeorchestrator.security;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Camunda's starter gives the admin the user id as password when none is configured. Before the starter
 * reads its properties, this fills {@code camunda.bpm.admin-user.password} with a strong random one when the
 * operator set none; AccountSetup prints it once if the admin was created with it.
 */
public class GeneratedAdminPassword implements EnvironmentPostProcessor {

    static final String PASSWORD_PROPERTY = "camunda.bpm.admin-user.password";
    static final String GENERATED_PROPERTY = "upgrade-orchestrator.security.generated-admin-password";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PASSWORD_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return;
        }
        String generated = Passwords.generate();
        environment.getPropertySources().addFirst(new MapPropertySource("generatedAdminPassword",
                Map.of(PASSWORD_PROPERTY, generated, GENERATED_PROPERTY, generated)));
    }
}
