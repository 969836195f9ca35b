package io.upgradeorchestrator.window;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WindowProperties.class, ChangeCalendarProperties.class})
class WindowConfiguration {

    @Bean
    ChangeCalendar changeCalendar(ChangeCalendarProperties properties) {
        return new ChangeCalendar(properties);
    }

    @Bean
    WindowPlanner windowPlanner(WindowProperties properties) {
        return new WindowPlanner(properties.defaults());
    }
}
