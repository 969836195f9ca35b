package io.upgradeorchestrator.approval;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.notification.MailService;
import io.upgradeorchestrator.notification.OutgoingMail;
import io.upgradeorchestrator.notification.RecipientResolver;
import io.upgradeorchestrator.notification.UpgradeMailModel;

/**
 * Mails the people who can act on the open approval tasks of an upgrade, each with a link to their task in
 * Tasklist. Runs after the tasks exist (asynchronous service tasks), so the links are real.
 */
@Component
class ApprovalMail {

    private final TaskService taskService;
    private final MailService mailService;
    private final RecipientResolver recipients;
    private final String publicUrl;

    ApprovalMail(TaskService taskService, MailService mailService, RecipientResolver recipients,
                 @Value("${upgrade-orchestrator.public-url:http://localhost:8080}") String publicUrl) {
        this.taskService = taskService;
        this.mailService = mailService;
        this.recipients = recipients;
        this.publicUrl = publicUrl;
    }

    /**
     * One mail per open approval task, to the members of its candidate group except the requester (who never
     * approves their own upgrade). Returns how many tasks there were.
     */
    int mailOpenApprovers(DelegateExecution execution, String template) {
        List<Task> openApprovals = openApprovals(execution);
        for (Task task : openApprovals) {
            for (String group : candidateGroups(task)) {
                Map<String, Object> model = model(execution);
                model.put("approverGroup", group);
                model.put("taskLink", taskLink(task));
                model.put("taskName", task.getName());
                List<String> approvers = recipients.approverAddresses(group, execution.getProcessBusinessKey());
                if (!approvers.isEmpty()) {
                    mailService.send(new OutgoingMail(approvers, template, model, List.of()));
                }
            }
        }
        return openApprovals.size();
    }

    /** One mail to the given group about all open approvals (used for escalation). */
    void mailGroup(DelegateExecution execution, String group, String template) {
        Map<String, Object> model = model(execution);
        List<Task> openApprovals = openApprovals(execution);
        if (!openApprovals.isEmpty()) {
            model.put("taskLink", taskLink(openApprovals.get(0)));
        }
        model.put("openApprovals", openApprovals.size());
        mailService.send(new OutgoingMail(recipients.resolve("group:" + group), template, model, List.of()));
    }

    /** The upgrade's facts; the deadline as the date it falls on, not the rule's duration ("P5D"). */
    static Map<String, Object> model(DelegateExecution execution) {
        Map<String, Object> model = UpgradeMailModel.from(execution);
        model.put("approvalDeadline", model.get(ApprovalVariables.APPROVAL_DUE_DATE.name()));
        return model;
    }

    List<Task> openApprovals(DelegateExecution execution) {
        return taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(ApprovalVariables.TASK_APPROVE_UPGRADE).active().list();
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    private String taskLink(Task task) {
        return publicUrl + "/camunda/app/tasklist/default/#/?task=" + task.getId();
    }
}
