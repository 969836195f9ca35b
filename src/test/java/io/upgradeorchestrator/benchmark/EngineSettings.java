package io.upgradeorchestrator.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import com.zaxxer.hikari.HikariDataSource;

/**
 * What the two engines are configured with, read from the running engines (not from the configuration files):
 * a ratio means something only when the engine does the same work per step on both sides.
 */
final class EngineSettings {

    /** Settings that may differ: which engine and which database it is. */
    private static final Set<String> OWN = Set.of("engine name", "database");

    private EngineSettings() {
    }

    static Map<String, String> of(ConfigurableApplicationContext context) {
        ProcessEngine engine = context.getBean(ProcessEngine.class);
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        JobExecutor jobs = configuration.getJobExecutor();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("engine name", engine.getName());
        settings.put("Camunda version", ProcessEngine.class.getPackage().getImplementationVersion());
        DataSource dataSource = context.getBean(DataSource.class);
        if (dataSource instanceof HikariDataSource hikari) {
            settings.put("database", hikari.getJdbcUrl());
            settings.put("connection pool", "Hikari, max " + hikari.getMaximumPoolSize() + " connections");
        } else {
            settings.put("database", dataSource.getClass().getName());
        }
        settings.put("database type", configuration.getDatabaseType());
        settings.put("history level", configuration.getHistoryLevel().getName());
        settings.put("authorization checks", String.valueOf(configuration.isAuthorizationEnabled()));
        settings.put("default serialization", configuration.getDefaultSerializationFormat());
        settings.put("Java serialization", String.valueOf(configuration.isJavaSerializationFormatEnabled()));
        settings.put("JDBC batch processing", String.valueOf(configuration.isJdbcBatchProcessing()));
        settings.put("metrics", String.valueOf(configuration.isMetricsEnabled()));
        settings.put("id generator", configuration.getIdGenerator().getClass().getSimpleName());
        // the product's own plugins (e.g. ActionInProgressRetry) are part of what is measured, not engine set-up
        settings.put("engine plugins", configuration.getProcessEnginePlugins().stream()
                .flatMap(plugin -> plugin instanceof CompositeProcessEnginePlugin composite
                        ? composite.getPlugins().stream() : Stream.of(plugin))
                .filter(plugin -> !plugin.getClass().getName().startsWith("io.upgradeorchestrator."))
                .map(plugin -> plugin.getClass().getSimpleName()).sorted().collect(Collectors.joining(", ")));
        settings.put("job executor", jobs.getClass().getSimpleName() + (jobs.isActive() ? ", active" : ", NOT active"));
        if (jobs instanceof SpringJobExecutor spring && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool) {
            settings.put("job threads", "core " + pool.getCorePoolSize() + ", max " + pool.getMaxPoolSize()
                    + ", queue " + pool.getQueueCapacity());
        }
        settings.put("jobs per acquisition", String.valueOf(jobs.getMaxJobsPerAcquisition()));
        settings.put("job lock time ms", String.valueOf(jobs.getLockTimeInMillis()));
        settings.put("acquisition wait ms (max)", jobs.getWaitTimeInMillis() + " (" + jobs.getMaxWait() + ")");
        settings.put("acquisition backoff ms (max)", jobs.getBackoffTimeInMillis() + " (" + jobs.getMaxBackoff() + ")");
        settings.put("acquire by priority / due date / timers first",
                configuration.isJobExecutorAcquireByPriority() + " / " + configuration.isJobExecutorAcquireByDueDate()
                        + " / " + configuration.isJobExecutorPreferTimerJobs());
        settings.put("deployment-aware job executor", String.valueOf(configuration.isJobExecutorDeploymentAware()));
        return settings;
    }

    /** Fails when the engines differ in anything but their name and database. */
    static void requireSame(Map<String, String> product, Map<String, String> bare) {
        List<String> differences = new ArrayList<>();
        product.forEach((name, value) -> {
            if (!OWN.contains(name) && !value.equals(bare.get(name))) {
                differences.add(name + ": product " + value + ", bare " + bare.get(name));
            }
        });
        if (!product.get("database").startsWith("jdbc:h2:mem:") || !bare.get("database").startsWith("jdbc:h2:mem:")) {
            differences.add("database: both must be in-memory H2: product " + product.get("database") + ", bare "
                    + bare.get("database"));
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("The baseline is not configured like the product, a ratio would mean "
                    + "nothing: " + String.join("; ", differences));
        }
    }
}
