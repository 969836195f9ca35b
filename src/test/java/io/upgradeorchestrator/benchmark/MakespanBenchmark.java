package io.upgradeorchestrator.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.upgradeorchestrator.UpgradeOrchestratorApplication;
import io.upgradeorchestrator.rollout.UpgradeExecutionProcess;
import io.upgradeorchestrator.testing.RolloutFacts;

/**
 * Makespan: how close the product's rollout comes to the physical limit of its plan when the runbook steps take
 * real time. Generated fleets (default 100 and 1,000 nodes) whose steps sleep: backup {@value #BACKUP_S} s, upgrade
 * {@value #UPGRADE_S} s, health check {@value #HEALTH_S} s (acceptance check and backup check: no time), rolled out
 * at a parallelism of {@value #PARALLELISM} (the risk decision's maxParallelNodes; canary of 10).
 *
 * <p>The limit of the plan: the backups, {@value #PARALLELISM} at a time ({@code ceil(nodes / parallelism) x backup}),
 * plus for every wave the longest chain of steps in it (upgrade + health check), plus the acceptance checks (no
 * time). Ratio = the product's wall time (start of "Carry out upgrade" to its manual checks) / that limit; 1.0 would
 * be a product that adds nothing to what the plan itself needs. Goals: at most 1.15 at 100 nodes, 1.25 at 1,000.
 * Prints a table and writes {@code target/benchmark/makespan.md}; asserts nothing about time.
 *
 * <p>System properties: {@code benchmark.makespan.sizes} (default {@code 100,1000}) and
 * {@code benchmark.makespan.repetitions} (default 1).
 */
@Tag("benchmark")
class MakespanBenchmark {

    static final int BACKUP_S = 2;
    static final int UPGRADE_S = 5;
    static final int HEALTH_S = 1;
    private static final BenchmarkInventory.Fleet FLEET = BenchmarkInventory.sleeping(BACKUP_S, UPGRADE_S, HEALTH_S);
    static final int PARALLELISM = 100;
    static final int CANARY = 10;
    private static final Path OUT = Path.of("target", "benchmark");
    /** How often the benchmark looks for the end; the time itself is the engine's (see the test). */
    private static final long POLL_MILLIS = 250;

    @Test
    void makespanAgainstThePhysicalLimitOfThePlan() throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("benchmark.makespan.sizes", "100,1000").split(","))
                .map(String::trim).map(Integer::valueOf).sorted().toList();
        int repetitions = Integer.getInteger("benchmark.makespan.repetitions", 1);
        Path inventory = BenchmarkInventory.write(OUT.resolve("makespan-inventory"), FLEET, sizes);
        double loadBefore = Report.systemLoad();
        List<String> rows = new ArrayList<>();
        try (ConfigurableApplicationContext product = new SpringApplicationBuilder(UpgradeOrchestratorApplication.class)
                .profiles("test", "bench")
                .properties(Map.of("logging.file.name", OUT.resolve("makespan.log").toString(),
                        "logging.threshold.console", "ERROR",
                        "spring.datasource.url", "jdbc:h2:mem:upgrade-orchestrator-makespan;DB_CLOSE_DELAY=-1",
                        "camunda.bpm.process-engine-name", "makespan"))
                .run("--upgrade-orchestrator.inventory.location=" + inventory.toAbsolutePath())) {
            ProcessEngine engine = product.getBean(ProcessEngine.class);
            JdbcTemplate jdbc = product.getBean(JdbcTemplate.class);
            int run = 0;
            for (int nodes : sizes) {
                for (int repetition = 1; repetition <= repetitions; repetition++) {
                    String upgradeId = String.format("UPG-MAKESPAN-%d-%02d", nodes, ++run);
                    long[] cpuBefore = ProcessCpu.includesChildren() ? ProcessCpu.split() : new long[2];
                    String instance = engine.getRuntimeService().startProcessInstanceByKey(UpgradeExecutionProcess.KEY,
                            upgradeId, RolloutFacts.lowRisk(upgradeId, FLEET.systemId(nodes), "Makespan fleet", "0.9, 1.0",
                                    CANARY, PARALLELISM, 5)).getId();
                    Task manualChecks = awaitManualChecks(engine, instance);
                    // the engine's own times (start of the instance, creation of the task), so that waiting for the
                    // task can poll rarely: polling every few milliseconds took a tenth of the CPU from the rollout
                    double seconds = (manualChecks.getCreateTime().getTime() - engine.getHistoryService()
                            .createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
                            .getStartTime().getTime()) / 1e3;
                    long[] cpu = ProcessCpu.includesChildren() ? ProcessCpu.split() : new long[2];
                    engine.getTaskService().claim(manualChecks.getId(), "oscar");
                    engine.getTaskService().complete(manualChecks.getId(), Map.of("manualChecksDone", "benchmark",
                            "manualChecksOk", "yes"));
                    List<Integer> waves = jdbc.queryForList("select count(*) from rollout_node_result where"
                            + " upgrade_id = ? group by wave order by wave", Integer.class, upgradeId);
                    double limit = limit(nodes, waves.size());
                    String row = String.format(Locale.ROOT, "| %,d | %d | %s | %.1f s | %.1f s | %.2f | %s | %.1f s |"
                            + " %.1f s |", nodes, waves.size(), waves, limit, seconds, seconds / limit,
                            nodes <= 100 ? "≤ 1.15" : "≤ 1.25", (cpu[0] - cpuBefore[0]) / 1e9,
                            (cpu[1] - cpuBefore[1]) / 1e9);
                    rows.add(row);
                    System.out.println("makespan: " + row);
                    writeTimeline(engine, jdbc, upgradeId);
                }
            }
        }
        String report = "# Makespan benchmark\n\nSteps sleep: backup " + BACKUP_S + " s, upgrade " + UPGRADE_S
                + " s, health check " + HEALTH_S + " s; parallelism " + PARALLELISM + ", canary " + CANARY
                + ". Limit = ceil(nodes / parallelism) x backup + waves x (upgrade + health check). CPU: of this JVM (engine,"
                + " worker, database) and of the programs it started and waited for (Linux). Load average "
                + String.format(Locale.ROOT, "%.1f", loadBefore) + " before, " + String.format(Locale.ROOT, "%.1f",
                Report.systemLoad()) + " after.\n\n| nodes | waves | wave sizes | limit of the plan | product | ratio"
                + " | goal | CPU of the JVM | CPU of the programs |\n|---:|---:|---|---:|---:|---:|---|---:|---:|\n" + String.join("\n", rows) + "\n";
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("makespan.md"), report);
        System.out.println("\n" + report);
    }

    /**
     * Where the time went: per activity of every process instance of the upgrade, how many instances ran, when the
     * first started and the last ended (seconds from the start). Written next to the report, for people tuning.
     */
    private static void writeTimeline(ProcessEngine engine, JdbcTemplate jdbc, String upgradeId) throws IOException {
        var history = engine.getHistoryService();
        List<String> instanceIds = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(upgradeId)
                .list().stream().map(instance -> instance.getId()).toList();
        long origin = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(upgradeId)
                .processDefinitionKey(UpgradeExecutionProcess.KEY).singleResult().getStartTime().getTime();
        record Span(String activity, long count, long first, long last) {
        }
        java.util.Map<String, long[]> spans = new java.util.TreeMap<>();
        for (String id : instanceIds) {
            for (var activity : history.createHistoricActivityInstanceQuery().processInstanceId(id).list()) {
                long start = activity.getStartTime().getTime() - origin;
                long end = activity.getEndTime() == null ? start : activity.getEndTime().getTime() - origin;
                spans.merge(activity.getActivityId(), new long[] {1, start, end}, (a, b) -> new long[] {a[0] + b[0],
                        Math.min(a[1], b[1]), Math.max(a[2], b[2])});
            }
        }
        List<Span> ordered = spans.entrySet().stream().map(entry -> new Span(entry.getKey(), entry.getValue()[0],
                entry.getValue()[1], entry.getValue()[2])).sorted(Comparator.comparingLong(Span::first)).toList();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-55s %6s %8s %8s %8s%n", "activity",
                "count", "first s", "last s", "span s"));
        for (Span span : ordered) {
            text.append(String.format(Locale.ROOT, "%-55s %6d %8.2f %8.2f %8.2f%n", span.activity(), span.count(),
                    span.first() / 1000.0, span.last() / 1000.0, (span.last() - span.first()) / 1000.0));
        }
        text.append(waveSteps(engine, instanceIds, origin)).append(waves(jdbc, upgradeId, origin));
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("makespan-timeline-" + upgradeId + ".txt"), text);
    }

    /** Per wave (in the order the waves started), the engine's times of its steps and its gate. */
    private static String waveSteps(ProcessEngine engine, List<String> instanceIds, long origin) {
        var history = engine.getHistoryService();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%n%-5s %-24s %6s %13s %13s %13s %13s%n",
                "wave", "engine activity", "count", "first start s", "last start s", "first end s", "last end s"));
        List<org.camunda.bpm.engine.history.HistoricProcessInstance> waves = history
                .createHistoricProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(instanceIds))
                .processDefinitionKey("upgradeWave").orderByProcessInstanceStartTime().asc().list();
        for (int wave = 0; wave < waves.size(); wave++) {
            for (String activity : List.of("Task_UpgradeNode", "Task_CheckNodeHealth", "Task_CheckWaveHealth")) {
                var instances = history.createHistoricActivityInstanceQuery()
                        .processInstanceId(waves.get(wave).getId()).activityId(activity).list();
                if (instances.isEmpty()) {
                    continue;
                }
                text.append(String.format(Locale.ROOT, "%-5d %-24s %6d %13.2f %13.2f %13.2f %13.2f%n", wave + 1,
                        activity, instances.size(),
                        at(instances.stream().mapToLong(i -> i.getStartTime().getTime()).min(), origin),
                        at(instances.stream().mapToLong(i -> i.getStartTime().getTime()).max(), origin),
                        at(instances.stream().filter(i -> i.getEndTime() != null)
                                .mapToLong(i -> i.getEndTime().getTime()).min(), origin),
                        at(instances.stream().filter(i -> i.getEndTime() != null)
                                .mapToLong(i -> i.getEndTime().getTime()).max(), origin)));
            }
        }
        return text.toString();
    }

    private static double at(java.util.OptionalLong millis, long origin) {
        return millis.isPresent() ? (millis.getAsLong() - origin) / 1000.0 : Double.NaN;
    }

    /**
     * Per wave, from the programs' own times in {@code action_run}: when the wave's first and last upgrade program
     * started and ended, and the same for its health checks. The gaps between them are the orchestrator's own time
     * (creating the steps, fetching them, completing them, the stage transitions).
     */
    private static String waves(JdbcTemplate jdbc, String upgradeId, long origin) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%n%-5s %5s %-8s %15s %15s %15s %15s%n",
                "wave", "nodes", "action", "first start s", "last start s", "first end s", "last end s"));
        List<Map<String, Object>> rows = jdbc.queryForList("select r.wave as wave, a.action_name as action_name,"
                + " count(*) as nodes, min(a.started_at) as first_start, max(a.started_at) as last_start,"
                + " min(a.finished_at) as first_end, max(a.finished_at) as last_end"
                + " from action_run a join rollout_node_result r on r.upgrade_id = a.upgrade_id and r.node_id = a.target"
                + " where a.upgrade_id = ? and a.action_name in ('upgrade', 'healthCheck')"
                + " group by r.wave, a.action_name order by r.wave, min(a.started_at)", upgradeId);
        for (Map<String, Object> row : rows) {
            text.append(String.format(Locale.ROOT, "%-5s %5s %-8s %15.2f %15.2f %15.2f %15.2f%n", row.get("wave"),
                    row.get("nodes"), row.get("action_name"), seconds(row.get("first_start"), origin),
                    seconds(row.get("last_start"), origin), seconds(row.get("first_end"), origin),
                    seconds(row.get("last_end"), origin)));
        }
        return text.toString();
    }

    private static double seconds(Object timestamp, long origin) {
        long millis = timestamp instanceof java.time.OffsetDateTime time ? time.toInstant().toEpochMilli()
                : timestamp instanceof java.sql.Timestamp time ? time.getTime()
                : timestamp instanceof java.time.Instant time ? time.toEpochMilli() : origin;
        return (millis - origin) / 1000.0;
    }

    /** The physical limit of the plan, in seconds. */
    static double limit(int nodes, int waves) {
        int backupRounds = (nodes + PARALLELISM - 1) / PARALLELISM;
        return backupRounds * BACKUP_S + waves * (UPGRADE_S + HEALTH_S);
    }

    private static Task awaitManualChecks(ProcessEngine engine, String instance) throws InterruptedException {
        long giveUp = System.nanoTime() + 15L * 60 * 1_000_000_000L;
        for (int polls = 1; ; polls++) {
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance)
                    .taskDefinitionKey(UpgradeExecutionProcess.Elements.CHECK_MANUALLY).singleResult();
            if (task != null) {
                return task;
            }
            if (polls % 10 == 0) {
                var incidents = engine.getRuntimeService().createIncidentQuery().list();
                if (!incidents.isEmpty()) {
                    throw new IllegalStateException("incident " + incidents.get(0).getActivityId() + ": "
                            + incidents.get(0).getIncidentMessage());
                }
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("no manual checks after 15 minutes");
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
