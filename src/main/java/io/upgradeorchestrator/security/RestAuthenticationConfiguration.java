package io.upgradeorchestrator.security;

import java.io.IOException;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Secure by default: the engine's REST API and our own API require HTTP Basic authentication against the
 * engine's users; the webapps' one-time "create the first admin" screen is never served (the admin account
 * is always created at start, see AccountSetup).
 */
@Configuration
class RestAuthenticationConfiguration {

    @Bean
    FilterRegistrationBean<Filter> restAuthenticationFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("upgrade-orchestrator-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*", "/api/*");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> initialUserSetupBlocked() {
        Filter refuse = (request, response, chain) -> refuse((HttpServletResponse) response);
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(refuse);
        registration.setName("upgrade-orchestrator-no-initial-setup");
        registration.addUrlPatterns("/camunda/api/admin/setup/*");
        registration.setOrder(1);
        return registration;
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_FORBIDDEN,
                "Initial user setup is disabled: the admin account is created at start-up");
    }
}
