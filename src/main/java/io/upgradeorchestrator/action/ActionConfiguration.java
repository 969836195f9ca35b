package io.upgradeorchestrator.action;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActionProperties.class)
class ActionConfiguration {
}
