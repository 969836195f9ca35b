package io.upgradeorchestrator.approval;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Tells each approver group that an approval waits for them, with a link to the task. */
@Component("notifyApprovers")
class NotifyApprovers implements JavaDelegate {

    private final ApprovalMail approvalMail;

    NotifyApprovers(ApprovalMail approvalMail) {
        this.approvalMail = approvalMail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        approvalMail.mailOpenApprovers(execution, "approval-requested");
    }
}
