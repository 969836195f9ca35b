package io.upgradeorchestrator.runbook;

import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import io.upgradeorchestrator.variables.Var;

/**
 * The inputs of the runbook action tasks (set in Camunda Modeler through the element templates "Run runbook step
 * (command)", "HTTP check (runbook)", "SQL check (runbook)", "Acceptance check (runbook command)" and "Log scan
 * (runbook)"), and how their answer is written back: {@code <resultVariable>} (true when it passed on every node)
 * and {@code <resultVariable>Summary} (what ran where and what came back).
 */
final class RunbookTaskVariables {

    private RunbookTaskVariables() {
    }

    /** One of the runbook's step names, see {@link RunbookActions#STEPS}. */
    static final Var<String> RUNBOOK_STEP = Var.string("runbookStep");
    /** The name of an acceptance check in the system's runbook. */
    static final Var<String> CHECK_NAME = Var.string("checkName");
    /** COMMAND, HTTP_CHECK or SQL_CHECK: the kind of acceptance check the task is made for (optional). */
    static final Var<String> EXPECTED_KIND = Var.string("expectedKind");
    /** The name of one log source of the runbook; absent: all of them. */
    static final Var<String> LOG_SOURCE = Var.string("logSource");
    /** The instant a log scan starts from (ISO-8601 text or a date); absent: the variable windowStart. */
    static final String SINCE = "since";
    /** PRODUCTION, TEST, PILOT or FIRST_PRODUCTION, see {@link NodeSelection}. */
    static final Var<String> NODES = Var.string("nodes");
    /** The process variable that receives the answer. */
    static final Var<String> RESULT_VARIABLE = Var.string("resultVariable");

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * The key of this task's runs: the same for every retry of the job, different for every task, process
     * instance and upgrade. The action layer appends node and entry.
     */
    static String idempotencyKey(String upgradeId, DelegateExecution execution) {
        return upgradeId + ":" + execution.getCurrentActivityId() + ":" + execution.getProcessInstanceId();
    }

    /** The name of the variable to write, from the input {@code input} (e.g. {@link #RESULT_VARIABLE}). */
    static String variableName(DelegateExecution execution, Var<String> input) {
        String name = input.get(execution);
        if (name == null || !VARIABLE_NAME.matcher(name.trim()).matches()) {
            throw new IllegalArgumentException("Input '" + input.name() + "' of " + execution.getCurrentActivityId()
                    + " must name a process variable (letters, digits, _), not '" + name + "'");
        }
        return name.trim();
    }

    static void writeResult(DelegateExecution execution, String resultVariable, RunbookActions.Outcome outcome) {
        Var.bool(resultVariable).set(execution, outcome.passed());
        Var.text(resultVariable + "Summary").set(execution, outcome.summary());
    }
}
