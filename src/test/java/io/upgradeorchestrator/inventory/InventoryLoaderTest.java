package io.upgradeorchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.context.TestPropertySource;

/** The loader in a small Spring context: files in, tables filled, service reads them; bad files stop the start. */
@JdbcTest
@Import({InventoryConfiguration.class, InventoryRepository.class, InventoryService.class, InventoryLoader.class})
@TestPropertySource(properties = "upgrade-orchestrator.inventory.location=classpath:inventory-test/")
class InventoryLoaderTest {

    @Autowired
    private InventoryService inventory;

    @Test
    void loadsTheConfiguredFolderOnStart() {
        assertThat(inventory.findAll()).extracting(InventorySystem::id)
                .containsExactly("core-db", "core-api", "order-reports");
        assertThat(inventory.findById("core-db")).get().extracting(InventorySystem::hasVersionDrift).isEqualTo(true);
        assertThat(inventory.dependentsOf("core-db")).extracting(InventorySystem::id)
                .containsExactly("core-api", "order-reports");
        assertThat(inventory.dependentsOf("core-api")).extracting(InventorySystem::id)
                .containsExactly("order-reports");
    }

    @Test
    void anInvalidInventoryStopsTheStartWithTheListOfErrors() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class))
                .withUserConfiguration(InventoryConfiguration.class, InventoryRepository.class,
                        InventoryLoader.class)
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:inventory-start-failure",
                        "spring.flyway.table=uo_schema_history",
                        "upgrade-orchestrator.inventory.location=classpath:inventory-test-invalid/")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    assertThat(failure).isInstanceOf(InventoryValidationException.class)
                            .hasMessageContaining("wrong-enum.yaml: systems[0].nodes[0] (db-1): field 'environment'")
                            .hasMessageContaining("tier-out-of-range.yaml: systems[0] (billing-db): field 'tier'");

                    FailureAnalysis analysis = analyze(failure);
                    assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
                    assertThat(analysis.getAction()).contains("upgrade-orchestrator.inventory.location");
                });
    }

    /** Runs the failure analyzers registered in META-INF/spring.factories, as Spring Boot does on a failed start. */
    private static FailureAnalysis analyze(Throwable failure) {
        return SpringFactoriesLoader.forDefaultResourceLocation(InventoryLoaderTest.class.getClassLoader())
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> { }))
                .stream()
                .filter(InventoryValidationFailureAnalyzer.class::isInstance)
                .map(analyzer -> analyzer.analyze(failure))
                .findFirst().orElseThrow();
    }
}
