package io.upgradeorchestrator.worker;

import java.util.Map;

/**
 * One locked runbook step as a handler sees it.
 *
 * @param id                the external task's id
 * @param topic             its topic, which chose the handler
 * @param processInstanceId the (sub)process instance it belongs to
 * @param businessKey       the upgrade's id
 * @param variables         the variables fetched with it ({@link StepVariables#FETCHED})
 * @param retries           retries left, or {@code null} before its first failure
 */
public record StepTask(String id, String topic, String activityId, String processInstanceId, String businessKey,
                       Map<String, Object> variables, Integer retries) {

    public String string(String name) {
        Object value = variables.get(name);
        if (value == null) {
            throw new IllegalStateException("Step " + activityId + " (" + id + ") has no variable " + name);
        }
        return value.toString();
    }

    /** The node's facts the orchestrator put into the step when it created it. */
    public StepInput input() {
        return StepInput.fromJson(string(StepVariables.INPUT));
    }

    public Integer integer(String name) {
        Object value = variables.get(name);
        return value instanceof Number number ? number.intValue() : null;
    }
}
