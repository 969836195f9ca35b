package io.upgradeorchestrator.rulechange;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link RuleChangeUploadFilter} in front of both copies of the engine's REST API. */
@Configuration
class RuleChangeConfiguration {

    @Bean
    FilterRegistrationBean<RuleChangeUploadFilter> ruleChangeUploadFilter(RuleChangeService ruleChanges,
                                                                         IdentityService identityService,
                                                                         CamundaBpmProperties camunda) {
        FilterRegistrationBean<RuleChangeUploadFilter> registration =
                new FilterRegistrationBean<>(new RuleChangeUploadFilter(ruleChanges, identityService));
        registration.setName("upgrade-orchestrator-rule-changes");
        String webapp = camunda.getWebapp().getApplicationPath();
        registration.addUrlPatterns("/engine-rest/*", webapp + "/api/engine/*");
        // after the HTTP Basic authentication of /engine-rest (order 10), which tells who is calling
        registration.setOrder(20);
        return registration;
    }
}
