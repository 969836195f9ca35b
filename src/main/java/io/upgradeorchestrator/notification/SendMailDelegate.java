package io.upgradeorchestrator.notification;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send notification" for process owners: input parameters {@code mailTemplate} (a template under
 * templates/mail/) and {@code mailTo} (requester, user:id, group:id or addresses). Runs as an asynchronous service task,
 * so an SMTP outage becomes a retry and then an incident, never a lost message.
 */
@Component("sendMail")
class SendMailDelegate implements JavaDelegate {

    static final String MAIL_TEMPLATE = "mailTemplate";
    static final String MAIL_TO = "mailTo";

    private final MailService mailService;
    private final RecipientResolver recipients;

    SendMailDelegate(MailService mailService, RecipientResolver recipients) {
        this.mailService = mailService;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String template = (String) execution.getVariableLocal(MAIL_TEMPLATE);
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("Input parameter mailTemplate is missing on " + execution.getCurrentActivityId());
        }
        List<String> to = recipients.resolve((String) execution.getVariableLocal(MAIL_TO),
                execution.getProcessBusinessKey());
        mailService.send(new OutgoingMail(to, template, UpgradeMailModel.from(execution), List.of()));
    }
}
