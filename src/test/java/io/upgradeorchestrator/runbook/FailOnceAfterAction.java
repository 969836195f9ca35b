package io.upgradeorchestrator.runbook;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Test only: makes a job fail once right after its action ran, as a crash or a lost database connection would, so a
 * test can watch the retry. Armed per process instance by the variable {@code simulateFailureAfterAction = true}.
 */
@Component("failOnceAfterAction")
class FailOnceAfterAction implements ExecutionListener {

    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    @Override
    public void notify(DelegateExecution execution) {
        if (Boolean.TRUE.equals(execution.getVariable("simulateFailureAfterAction"))
                && failed.add(execution.getProcessInstanceId())) {
            throw new IllegalStateException("simulated failure after the action ran");
        }
    }
}
