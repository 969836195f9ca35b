package io.upgradeorchestrator.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.upgradeorchestrator.upgrade.SystemUpgradeProcess;
import io.upgradeorchestrator.variables.UpgradeVariables;
import io.upgradeorchestrator.worker.StepTopics;
import io.upgradeorchestrator.worker.WorkerProperties;

/**
 * What operations want on a dashboard: how many upgrades stand in each phase, open incidents, jobs that ran out
 * of retries, the job backlog, and the runbook steps running and waiting per topic (the workers' own pools are
 * {@code upgrade_orchestrator.worker.*}). Read from the engine's database on a fixed delay rather than at every scrape,
 * so a busy Prometheus never adds load to the engine. Every node of a cluster reports the same shared figures:
 * aggregate them with {@code max}, not {@code sum}.
 */
@Component
class UpgradeGauges {

    private final RuntimeService runtime;
    private final ManagementService management;
    private final ExternalTaskService externalTasks;
    /** Every topic steps are created on: the plain ones, and the zone topics of zones served by remote workers. */
    private final List<String> topics;
    private final MultiGauge upgradesByPhase;
    private final MultiGauge stepsRunning;
    private final MultiGauge stepsWaiting;
    private final AtomicLong openIncidents = new AtomicLong();
    private final AtomicLong failedJobs = new AtomicLong();
    private final AtomicLong dueJobs = new AtomicLong();

    UpgradeGauges(RuntimeService runtime, ManagementService management, ExternalTaskService externalTasks,
                  WorkerProperties workers, MeterRegistry meters) {
        this.runtime = runtime;
        this.management = management;
        this.externalTasks = externalTasks;
        this.topics = topics(workers.remoteZones());
        this.stepsRunning = MultiGauge.builder("upgrade_orchestrator.steps.running")
                .description("Runbook steps a worker holds now (any worker: in the application or remote), by topic")
                .register(meters);
        this.stepsWaiting = MultiGauge.builder("upgrade_orchestrator.steps.waiting")
                .description("Runbook steps no worker holds yet, by topic: a growing number means too few workers")
                .register(meters);
        this.upgradesByPhase = MultiGauge.builder("upgrade_orchestrator.upgrades.active")
                .description("Running upgrades, by the phase they stand in").register(meters);
        Gauge.builder("upgrade_orchestrator.incidents.open", openIncidents, AtomicLong::get)
                .description("Open incidents in any upgrade diagram: an operator must look (Cockpit)").register(meters);
        Gauge.builder("upgrade_orchestrator.jobs.failed", failedJobs, AtomicLong::get)
                .description("Jobs with no retries left").register(meters);
        Gauge.builder("upgrade_orchestrator.jobs.due", dueJobs, AtomicLong::get)
                .description("Jobs due now and not yet run: the job executor's backlog").register(meters);
        refresh();
    }

    @Scheduled(fixedDelayString = "${upgrade-orchestrator.metrics.refresh-interval:PT15S}")
    void refresh() {
        upgradesByPhase.register(countByPhase().entrySet().stream()
                .map(phase -> MultiGauge.Row.of(Tags.of("phase", phase.getKey()), phase.getValue()))
                .toList(), true);
        openIncidents.set(runtime.createIncidentQuery().count());
        failedJobs.set(management.createJobQuery().noRetriesLeft().count());
        dueJobs.set(management.createJobQuery().executable().count());
        stepsRunning.register(topics.stream().map(topic -> MultiGauge.Row.of(Tags.of("topic", topic),
                externalTasks.createExternalTaskQuery().topicName(topic).locked().count())).toList(), true);
        stepsWaiting.register(topics.stream().map(topic -> MultiGauge.Row.of(Tags.of("topic", topic),
                externalTasks.createExternalTaskQuery().topicName(topic).notLocked().withRetriesLeft().count()))
                .toList(), true);
    }

    private static List<String> topics(List<String> remoteZones) {
        List<String> topics = new java.util.ArrayList<>(StepTopics.ALL);
        for (String zone : remoteZones == null ? List.<String>of() : remoteZones) {
            StepTopics.ROUTED.forEach(topic -> topics.add(StepTopics.inZone(topic, zone)));
        }
        return List.copyOf(topics);
    }

    private Map<String, Long> countByPhase() {
        List<String> upgradeIds = runtime.createProcessInstanceQuery().processDefinitionKey(SystemUpgradeProcess.KEY)
                .list().stream().map(ProcessInstance::getId).toList();
        Map<String, Long> counts = new TreeMap<>();
        if (upgradeIds.isEmpty()) {
            return counts;
        }
        for (VariableInstance phase : runtime.createVariableInstanceQuery()
                .variableName(UpgradeVariables.PHASE.name()).processInstanceIdIn(upgradeIds.toArray(String[]::new)).list()) {
            counts.merge(String.valueOf(phase.getValue()), 1L, Long::sum);
        }
        return counts;
    }
}
