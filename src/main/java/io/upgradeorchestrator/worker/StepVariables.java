package io.upgradeorchestrator.worker;

import java.util.List;

import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/** The variables a worker fetches with every step: enough to find the node, the upgrade and its plan. */
public final class StepVariables {

    private StepVariables() {
    }

    public static final String UPGRADE_ID = "upgradeId";
    public static final String SYSTEM_ID = "systemId";
    public static final String TARGET_VERSION = "targetVersion";
    public static final String RUN_ID = "rolloutRunId";
    /** The element variable of every per-node multi-instance. */
    public static final String NODE = "node";
    public static final String WAVE_NUMBER = "waveNumber";
    /** The risk decision's parallelism: steps of one upgrade this worker runs at once. */
    public static final String MAX_PARALLEL_NODES = "maxParallelNodes";
    public static final String FAILURE_THRESHOLD = "failureThreshold";
    /** Which round of probes a probe step measures: {@code baseline}, or a monitoring round's key. */
    public static final String PROBE_ROUND_KEY = "probeRoundKey";

    /** Local to each step: the node's facts ({@link StepInput}, JSON), set when the step is created. */
    public static final String INPUT = "stepInput";
    /**
     * Local to each step: what it found ({@link StepOutcome}, JSON), the only variable a completion may write
     * (security.TaskCommandGuard). Sent transient: the step's recorder reads it in the completion's transaction and
     * keeps what it says in the orchestrator's tables, so the engine need not store it (nor its history) per step.
     */
    public static final String OUTCOME = "stepOutcome";

    /**
     * The outcome as the application's own worker hands it over: its JSON text, transient. A plain string, since
     * the recorder only reads the text (a remote worker's REST call types it as Json, which reads the same).
     */
    public static TypedValue outcomeValue(StepOutcome outcome) {
        return Variables.stringValue(outcome.toJson(), true);
    }

    /**
     * What a worker fetches with a step: its input only, local to the step (one read per step, not one per scope up
     * to the process instance); a worker account may fetch nothing else (security.TaskCommandGuard).
     */
    public static final List<String> FETCHED = List.of(INPUT);
}
