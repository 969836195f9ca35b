package io.upgradeorchestrator.security;

import java.io.IOException;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Secure by default: the engine's REST API, our own API and the Prometheus metrics require HTTP Basic
 * authentication against the engine's users (metrics only for operations and admins); the webapps' one-time
 * "create the first admin" screen is never served (the admin account is always created at start, see
 * AccountSetup).
 */
@Configuration
class RestAuthenticationConfiguration {

    private static final String METRICS = "/actuator/prometheus";

    @Bean
    FilterRegistrationBean<Filter> restAuthenticationFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("upgrade-orchestrator-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*", "/api/*", METRICS);
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(10);
        return registration;
    }

    /** Runs after the authentication above, which leaves the caller's groups in the identity service. */
    @Bean
    FilterRegistrationBean<Filter> metricsForOperationsOnly(IdentityService identity) {
        Filter operationsOnly = (request, response, chain) -> {
            Authentication caller = identity.getCurrentAuthentication();
            List<String> groups = caller == null || caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
            if (groups.contains(Groups.OPERATIONS) || groups.contains(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN)) {
                chain.doFilter(request, response);
            } else {
                ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN,
                        "Metrics are for the groups operations and camunda-admin");
            }
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(operationsOnly);
        registration.setName("upgrade-orchestrator-metrics-access");
        registration.addUrlPatterns(METRICS);
        registration.setOrder(11);
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
