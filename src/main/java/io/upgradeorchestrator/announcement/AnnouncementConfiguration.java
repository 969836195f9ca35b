package io.upgradeorchestrator.announcement;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnnouncementProperties.class)
class AnnouncementConfiguration {
}
