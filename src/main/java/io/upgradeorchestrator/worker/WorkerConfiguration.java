package io.upgradeorchestrator.worker;

import java.net.InetAddress;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The worker inside the application: runs the runbook steps through the engine's Java API on its own pool. It starts
 * after the engine and stops (killing and giving back what it runs) before it.
 */
@Configuration
@EnableConfigurationProperties(WorkerProperties.class)
public class WorkerConfiguration {

    @Bean
    StepWorker stepWorker(ProcessEngine engine, List<StepHandler> handlers, List<StepHandlerSet> handlerSets,
                          WorkerProperties properties, MeterRegistry meters) {
        CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        StepWorker worker = new StepWorker(new EngineExternalTasks(engine.getExternalTaskService(),
                engine.getRuntimeService(), commands), StepHandlerSet.all(handlers, handlerSets), properties,
                workerId(properties));
        registerGauges(worker, meters);
        return worker;
    }

    @Bean
    SmartLifecycle stepWorkerLifecycle(StepWorker worker) {
        return lifecycle(worker);
    }

    /** Starts the worker after everything else and stops it first (killing and giving back what it runs). */
    public static SmartLifecycle lifecycle(StepWorker worker) {
        return new WorkerLifecycle(worker);
    }

    /** Prometheus: the steps this worker runs now, those waiting for a place, and its pool's size. */
    public static void registerGauges(StepWorker worker, MeterRegistry meters) {
        Gauge.builder("upgrade_orchestrator.worker.steps.running", worker, StepWorker::running)
                .description("Runbook steps this worker runs now").register(meters);
        Gauge.builder("upgrade_orchestrator.worker.steps.held", worker, StepWorker::held)
                .description("Runbook steps this worker holds a lock on (running or waiting for a place)")
                .register(meters);
        Gauge.builder("upgrade_orchestrator.worker.pool.size", worker, StepWorker::poolSize)
                .description("Runbook steps this worker may run at once").register(meters);
    }

    public static String workerId(WorkerProperties properties) {
        if (properties.id() != null && !properties.id().isBlank()) {
            return properties.id();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "worker";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static final class WorkerLifecycle implements SmartLifecycle {

        private final StepWorker worker;
        private volatile boolean running;

        WorkerLifecycle(StepWorker worker) {
            this.worker = worker;
        }

        @Override
        public void start() {
            worker.start();
            running = true;
        }

        @Override
        public void stop() {
            worker.stop();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return Integer.MAX_VALUE - 100; // after the web server, before nothing else stops
        }
    }
}
