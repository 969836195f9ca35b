package io.upgradeorchestrator.monitoring;

import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.*;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.notification.MailService;
import io.upgradeorchestrator.notification.OutgoingMail;
import io.upgradeorchestrator.notification.RecipientResolver;
import io.upgradeorchestrator.notification.UpgradeMailModel;

/**
 * Alerts operations and the rollback decision owner by e-mail ({@code monitoring-alert}): what was found, measured
 * against what, and that a decision task waits for them. Asynchronous with retries: an SMTP outage is a retry, then
 * an incident, never a lost alert.
 */
@Component("alertOperations")
class AlertOperations implements JavaDelegate {

    static final String TEMPLATE = "monitoring-alert";
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final MailService mailService;
    private final RecipientResolver recipients;
    private final MonitoringProperties properties;

    AlertOperations(MailService mailService, RecipientResolver recipients, MonitoringProperties properties) {
        this.mailService = mailService;
        this.recipients = recipients;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        StringBuilder to = new StringBuilder(properties.alertRecipients());
        for (String group : MONITORING_DECISION_GROUPS.require(execution).split(",")) {
            to.append(",group:").append(group.strip());
        }
        List<String> addresses = recipients.resolve(to.toString());
        Map<String, Object> model = new LinkedHashMap<>(UpgradeMailModel.from(execution));
        model.put("probe", BREACHED_PROBE.require(execution));
        model.put("measured", BREACH_MEASURED.require(execution));
        model.put("baseline", BREACH_BASELINE.get(execution));
        model.put("threshold", BREACH_THRESHOLD.get(execution));
        model.put("detectedAt", READABLE.format(ClockUtil.getCurrentTime().toInstant()));
        mailService.send(new OutgoingMail(addresses, TEMPLATE, model));
    }
}
