package io.upgradeorchestrator.worker.remote;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.upgradeorchestrator.action.ProgramLaunch;
import io.upgradeorchestrator.files.BackupProperties;
import io.upgradeorchestrator.monitoring.MonitoringProperties;
import io.upgradeorchestrator.rollout.RolloutProperties;
import io.upgradeorchestrator.worker.StepHandler;
import io.upgradeorchestrator.worker.StepHandlerSet;
import io.upgradeorchestrator.worker.StepWorker;
import io.upgradeorchestrator.worker.WorkerConfiguration;
import io.upgradeorchestrator.worker.WorkerProperties;

/**
 * The same jar as a remote worker (profile {@code remote-worker}): no engine, no web server, no orchestrator
 * database. It loads its own copy of the inventory (the runbooks it may run), runs steps with the action layer and
 * keeps the action journal in a database of its own ({@code data-directory}), so a step it already ran is answered
 * from its record; it talks to the orchestrator only through {@code /engine-rest} with its own account.
 *
 * <p>Deliberately not a {@code @Configuration}: the application's own component scan must not pick it up.
 */
@EnableAutoConfiguration(excludeName = {
        "org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration",
        "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
        "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"})
@ComponentScan(basePackages = "io.upgradeorchestrator", useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = RemoteWorkerApplication.Parts.class))
@EnableConfigurationProperties({RemoteWorkerProperties.class, WorkerProperties.class, BackupProperties.class,
        RolloutProperties.class, MonitoringProperties.class})
public class RemoteWorkerApplication {

    static {
        ProgramLaunch.preferVfork(); // before the JVM starts its first program
    }

    public static final String PROFILE = "remote-worker";

    public static void main(String[] args) throws InterruptedException {
        SpringApplication application = new SpringApplication(RemoteWorkerApplication.class);
        application.setAdditionalProfiles(PROFILE);
        ConfigurableApplicationContext context = application.run(args);
        // the worker's threads are daemons and no web server holds the JVM: wait here until the context closes
        // (SIGTERM closes it through Spring's shutdown hook, which stops the worker and gives its steps back)
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> closed.countDown());
        while (context.isActive() && !closed.await(1, TimeUnit.SECONDS)) {
            // waiting
        }
    }

    @Bean
    StepWorker stepWorker(RemoteWorkerProperties remote, WorkerProperties properties, List<StepHandler> handlers,
                          List<StepHandlerSet> handlerSets, MeterRegistry meters) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(remote.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        StepWorker worker = new StepWorker(new RestExternalTasks(client, remote.engineUrl().strip(), remote.user(),
                remote.resolvePassword(), remote.requestTimeout()), StepHandlerSet.all(handlers, handlerSets), properties,
                ownWorkerId(remote.user(), WorkerConfiguration.workerId(properties)));
        WorkerConfiguration.registerGauges(worker, meters);
        return worker;
    }

    /** The orchestrator accepts only worker ids of the account's own ({@code <account>-…}, security.StepWorkerScope). */
    static String ownWorkerId(String user, String id) {
        return id.equals(user) || id.startsWith(user + "-") ? id : user + "-" + id;
    }

    @Bean
    SmartLifecycle stepWorkerLifecycle(StepWorker worker) {
        return WorkerConfiguration.lifecycle(worker);
    }

    /**
     * The parts of the application a worker needs: the inventory, the action layer, the runbook runner with the demo
     * target's settings, the final backup, the acceptance checks, the probe sampler, the configuration reader, and the
     * step handlers. Nothing that needs the engine or the orchestrator's tables.
     */
    static final class Parts implements TypeFilter {

        private static final Pattern WHOLE_PACKAGES = Pattern.compile("io\\.upgradeorchestrator\\.(inventory|action)\\.[A-Za-z]+");
        private static final Set<String> LEFT_OUT = Set.of("io.upgradeorchestrator.inventory.InventoryController",
                "io.upgradeorchestrator.action.ActionInProgressRetry");
        private static final Set<String> CLASSES = Set.of(
                "io.upgradeorchestrator.ClockConfiguration",
                "io.upgradeorchestrator.runbook.RunbookRunner",
                "io.upgradeorchestrator.demotarget.DemoTarget",
                "io.upgradeorchestrator.backup.FinalBackup",
                "io.upgradeorchestrator.verification.Verification",
                "io.upgradeorchestrator.verification.AcceptanceChecksStep",
                "io.upgradeorchestrator.runbook.ProbeSampler",
                "io.upgradeorchestrator.configuration.ConfigurationReader",
                "io.upgradeorchestrator.rollout.BackUpNodeStep",
                "io.upgradeorchestrator.rollout.NodeUpgradeSteps",
                "io.upgradeorchestrator.rollback.NodeRollbackSteps",
                "io.upgradeorchestrator.monitoring.ProbeNodeStep");

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            String name = reader.getClassMetadata().getClassName();
            boolean component = reader.getAnnotationMetadata().hasMetaAnnotation(Component.class.getName())
                    || reader.getAnnotationMetadata().hasAnnotation(Component.class.getName());
            return component && !LEFT_OUT.contains(name)
                    && (CLASSES.contains(name) || WHOLE_PACKAGES.matcher(name).matches());
        }
    }
}
