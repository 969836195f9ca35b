package io.upgradeorchestrator.benchmark;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.upgradeorchestrator.rollout.UpgradeExecutionProcess;
import io.upgradeorchestrator.testing.RolloutFacts;

/**
 * The product's rollout: "Carry out upgrade" ({@code upgrade-execution.bpmn}) with its waves
 * ({@code upgrade-wave.bpmn}), started as the main process starts it when the window opens, over a benchmark fleet
 * whose runbook steps are no-op programs. Everything else is the product's own: delegates, the rollout table, the
 * action layer (each runbook step is a real program run, recorded in {@code action_run}), the final backup files.
 */
final class ProductRollout extends RolloutDriver {

    private final JdbcTemplate jdbc;

    ProductRollout(ConfigurableApplicationContext product) {
        super(product.getBean(ProcessEngine.class));
        this.jdbc = product.getBean(JdbcTemplate.class);
    }

    @Override
    protected String start(int nodes, String upgradeId) {
        // the variables the main process hands to "Carry out upgrade" (as FleetRolloutTest does)
        Map<String, Object> variables = RolloutFacts.lowRisk(upgradeId, BenchmarkInventory.NO_OP.systemId(nodes),
                "Benchmark fleet of " + nodes + " nodes", "0.9, 1.0", 10, 100, 5);
        return engine.getRuntimeService()
                .startProcessInstanceByKey(UpgradeExecutionProcess.KEY, upgradeId, variables).getId();
    }

    @Override
    protected Map<String, Object> manualChecksAnswer() {
        return Map.of("manualChecksDone", "spot checks in 3 stores", "manualChecksOk", "yes");
    }

    @Override
    protected int verify(String instance, String upgradeId, int nodes) {
        Object outcome = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName("executionOutcome").singleResult().getValue();
        Integer upgraded = jdbc.queryForObject("select count(*) from rollout_node_result where upgrade_id = ? "
                + "and status = 'UPGRADED'", Integer.class, upgradeId);
        long[] waves = wavesAndNodeInstances(instance, "Task_UpgradeNode", "upgradeWave");
        if (!UpgradeExecutionProcess.COMPLETED.equals(outcome) || upgraded != nodes || waves[1] != nodes) {
            throw new IllegalStateException(upgradeId + ": outcome " + outcome + ", " + upgraded + " of " + nodes
                    + " nodes upgraded, " + waves[1] + " node instances");
        }
        return (int) waves[0];
    }

    @Override
    protected long[] actions(String upgradeId) {
        return jdbc.queryForObject("select count(*), coalesce(sum(duration_ms), 0) from action_run where upgrade_id = ?",
                (row, n) -> new long[] {row.getLong(1), row.getLong(2)}, upgradeId);
    }

    /** The product's wave plan of a finished rollout: the number of nodes in each wave, in order. */
    List<Integer> waveSizes(String upgradeId) {
        return jdbc.queryForList("select count(*) from rollout_node_result where upgrade_id = ? group by wave "
                + "order by wave", Integer.class, upgradeId);
    }
}
