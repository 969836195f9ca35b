package io.upgradeorchestrator.action;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small Spring context: the action beans, an in-memory H2 database migrated by Flyway, and a second H2 database
 * standing in for a target system's database. Not the whole application (no engine).
 */
@SpringBootTest(classes = ActionTestSupport.Slice.class, properties = {
        "spring.datasource.url=jdbc:h2:mem:action-runs;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "upgrade-orchestrator.actions.kill-grace=2s",
        "upgrade-orchestrator.actions.log-time-zone=UTC",
        "upgrade-orchestrator.actions.sql-connections.target-db.url=jdbc:h2:mem:target-db;DB_CLOSE_DELAY=-1",
        "upgrade-orchestrator.actions.sql-connections.target-db.username=checker",
        "upgrade-orchestrator.actions.sql-connections.target-db.password=" + ActionTestSupport.TARGET_DB_PASSWORD,
})
abstract class ActionTestSupport {

    static final String TARGET_DB_PASSWORD = "target-db-pw-7781";

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class})
    @Import({ActionConfiguration.class, ActionRunner.class, ActionRunRepository.class})
    static class Slice {

        /** The runner counts its runs; the slice has no actuator, so a plain in-memory registry. */
        @org.springframework.context.annotation.Bean
        io.micrometer.core.instrument.MeterRegistry meterRegistry() {
            return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        }
    }

    static final Instant SINCE = Instant.parse("2025-03-01T10:00:00Z");

    @Autowired
    ActionRunner runner;

    @Autowired
    ActionRunRepository runs;

    @Autowired
    JdbcTemplate jdbc;

    static ActionContext context() {
        return new ActionContext("UPG-1", "billing", "db-test-1", "db-test-1.example.org", "16.3", "16.4",
                "/backups/UPG-1", SINCE);
    }

    static ActionRequest request(String actionName, ActionSpec spec) {
        return request(UUID.randomUUID().toString(), actionName, spec, context(), Set.of());
    }

    static ActionRequest request(String key, String actionName, ActionSpec spec, ActionContext context, Set<String> secrets) {
        return new ActionRequest(key, context.upgradeId(), context.node(), actionName, spec, context, secrets);
    }

    ActionResult run(String actionName, ActionSpec spec) {
        return runner.run(request(actionName, spec));
    }

    static String script(String name) {
        try {
            return Path.of(ActionTestSupport.class.getResource("/action/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
