package io.upgradeorchestrator.identity;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is acting on a task: the authenticated user of the call that completes it (Tasklist, the engine's REST API,
 * our API), else the task's assignee; {@code null} when neither is known (an engine-internal call in a test).
 */
public final class TaskActor {

    private TaskActor() {
    }

    public static String of(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee();
    }
}
