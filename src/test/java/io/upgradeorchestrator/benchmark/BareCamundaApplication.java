package io.upgradeorchestrator.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The baseline: a bare Camunda application — Spring Boot with the same Camunda starter (7.24), a DataSource and a
 * transaction manager, nothing of the product. Its delegates do nothing, but for "Select nodes of the wave", which
 * hands the engine the collection the node multi-instance iterates over (the waves' collection is a start variable),
 * so that it runs exactly as many waves and node instances as the product.
 *
 * <p>Deliberately not a {@code @Configuration}: the product's component scan covers this package on the test
 * classpath, and must not pick the baseline up. Its {@code @Bean} methods still work when the class is the
 * application's primary source.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class, CamundaBpmAutoConfiguration.class})
class BareCamundaApplication {

    /**
     * Starts the baseline on its own in-memory H2 database. The engine settings that change what the engine does per
     * step are the product's (src/main/resources/application.yaml); {@link EngineSettings} checks that they match.
     */
    static ConfigurableApplicationContext start(Map<String, Object> sharedProperties) {
        Map<String, Object> properties = new HashMap<>(sharedProperties);
        // a file name nobody uses: the product's application*.yaml must not configure the baseline
        properties.put("spring.config.name", "bare-camunda-benchmark");
        properties.put("spring.datasource.url", "jdbc:h2:mem:bare-camunda-benchmark;DB_CLOSE_DELAY=-1");
        properties.put("spring.datasource.username", "sa");
        // engines register by name in a JVM-wide registry; the product's is "bench"
        properties.put("camunda.bpm.process-engine-name", "bare");
        // the baseline deploys its own model, not every *.bpmn on the classpath
        properties.put("camunda.bpm.auto-deployment-enabled", "false");
        // as the product: full history, authorization checks on, JSON variables, no Java serialization, and the
        // starter's job executor (no job-execution settings other than "enabled", in the product as here)
        properties.put("camunda.bpm.history-level", "full");
        properties.put("camunda.bpm.authorization.enabled", "true");
        properties.put("camunda.bpm.default-serialization-format", "application/json");
        properties.put("camunda.bpm.generic-properties.properties.java-serialization-format-enabled", "false");
        properties.put("camunda.bpm.generic-properties.properties.enforce-history-time-to-live", "true");
        properties.put("camunda.bpm.job-execution.enabled", "true");
        // an admin account, as the product has (only at start-up; it keeps the engines' plugin lists identical)
        properties.put("camunda.bpm.admin-user.id", "admin");
        properties.put("camunda.bpm.admin-user.password", "bare-benchmark-admin");
        return new SpringApplicationBuilder(BareCamundaApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run();
    }

    /** Every task and listener of the baseline: does nothing. */
    @Bean
    JavaDelegate noOp() {
        return execution -> {
        };
    }

    @Bean
    ExecutionListener noOpExecutionListener() {
        return execution -> {
        };
    }

    @Bean
    TaskListener noOpTaskListener() {
        return task -> {
        };
    }

    /**
     * "Select nodes of the wave": the wave's node ids, by the sizes the product's planner chose (start variable
     * {@code waveSizes}); built in memory, no database.
     */
    @Bean
    JavaDelegate selectWaveNodes() {
        return execution -> {
            @SuppressWarnings("unchecked")
            List<Integer> sizes = (List<Integer>) execution.getVariable("waveSizes");
            int wave = (Integer) execution.getVariable("waveNumber");
            int first = sizes.subList(0, wave - 1).stream().mapToInt(Integer::intValue).sum();
            List<String> nodes = new ArrayList<>();
            for (int i = 1; i <= sizes.get(wave - 1); i++) {
                nodes.add(String.format("node-%04d", first + i));
            }
            execution.setVariable("waveNodes", BareRolloutModel.json(nodes));
        };
    }
}
