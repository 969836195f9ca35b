package io.upgradeorchestrator.approval;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reminds the groups whose approvals are still open, halfway to the approval deadline. */
@Component("remindApprovers")
class RemindApprovers implements JavaDelegate {

    private final ApprovalMail approvalMail;

    RemindApprovers(ApprovalMail approvalMail) {
        this.approvalMail = approvalMail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        approvalMail.mailOpenApprovers(execution, "approval-reminder");
    }
}
