package io.upgradeorchestrator.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ConfigurableApplicationContext;

/** The baseline's rollout: {@link BareRolloutModel} on {@link BareCamundaApplication}, same waves as the product. */
final class BareRollout extends RolloutDriver {

    private final Map<Integer, List<Integer>> waveSizesByFleet = new HashMap<>();

    BareRollout(ConfigurableApplicationContext bare) {
        super(bare.getBean(ProcessEngine.class));
        engine.getRepositoryService().createDeployment().name("bare-camunda-benchmark")
                .addModelInstance("bare-upgrade-execution.bpmn", BareRolloutModel.execution())
                .addModelInstance("bare-upgrade-wave.bpmn", BareRolloutModel.wave())
                .deploy();
    }

    /** Takes the product's wave plan for this fleet size, so both run the same waves of the same sizes. */
    void useWaves(int nodes, List<Integer> waveSizes) {
        if (waveSizes.stream().mapToInt(Integer::intValue).sum() != nodes) {
            throw new IllegalArgumentException("Waves " + waveSizes + " do not add up to " + nodes + " nodes");
        }
        waveSizesByFleet.put(nodes, List.copyOf(waveSizes));
    }

    @Override
    protected String start(int nodes, String businessKey) {
        List<Integer> sizes = waveSizesByFleet.get(nodes);
        Map<String, Object> variables = new HashMap<>();
        variables.put("pendingWaves", BareRolloutModel.json(IntStream.rangeClosed(1, sizes.size()).boxed().toList()));
        variables.put("waveSizes", BareRolloutModel.json(sizes));
        // what the no-op delegates would have found: the backup verified, the checks passed, no trigger
        variables.put("finalBackupVerified", true);
        variables.put("coreChecksPassed", true);
        variables.put("waveTrigger", Variables.stringValue(null));
        return engine.getRuntimeService().startProcessInstanceByKey(BareRolloutModel.EXECUTION_KEY, businessKey,
                variables).getId();
    }

    @Override
    protected Map<String, Object> manualChecksAnswer() {
        return Map.of("manualChecksDone", "spot checks in 3 stores", "manualChecksOk", true);
    }

    @Override
    protected int verify(String instance, String businessKey, int nodes) {
        long[] waves = wavesAndNodeInstances(instance, "Task_UpgradeNode");
        if (waves[0] != waveSizesByFleet.get(nodes).size() || waves[1] != nodes) {
            throw new IllegalStateException(businessKey + ": " + waves[0] + " waves, " + waves[1] + " node instances");
        }
        return (int) waves[0];
    }
}
