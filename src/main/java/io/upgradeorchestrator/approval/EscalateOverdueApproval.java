package io.upgradeorchestrator.approval;

import java.time.Clock;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.security.Groups;

/**
 * At the approval deadline: the open approvals go to the top of every list (priority 100) and the change
 * managers are told, so someone chases the decision before the window is at risk.
 */
@Component("escalateOverdueApproval")
class EscalateOverdueApproval implements JavaDelegate {

    static final int ESCALATED_PRIORITY = 100;

    private final ApprovalMail approvalMail;
    private final TaskService taskService;
    private final Clock clock;

    EscalateOverdueApproval(ApprovalMail approvalMail, TaskService taskService, Clock clock) {
        this.approvalMail = approvalMail;
        this.taskService = taskService;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        for (Task task : approvalMail.openApprovals(execution)) {
            taskService.setPriority(task.getId(), ESCALATED_PRIORITY);
        }
        execution.setVariable("overdueSince", clock.instant().toString());
        approvalMail.mailGroup(execution, Groups.CHANGE_MANAGERS, "approval-escalated");
    }
}
