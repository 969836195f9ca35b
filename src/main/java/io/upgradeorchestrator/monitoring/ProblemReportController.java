package io.upgradeorchestrator.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.upgradeorchestrator.api.ApiError;
import io.upgradeorchestrator.api.CurrentUser;
import io.upgradeorchestrator.api.InvalidRequestException;

/**
 * Users report problems they notice after an upgrade; the report joins the monitoring decision (roll back, fix
 * forward, accept). Any authenticated user may report: the people who notice problems are the system's users, not
 * only those with rights on the upgrade. The report records who sent it.
 */
@RestController
class ProblemReportController {

    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_CONTACT = 200;

    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final CurrentUser currentUser;

    ProblemReportController(RuntimeService runtimeService, HistoryService historyService, CurrentUser currentUser) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.currentUser = currentUser;
    }

    @PostMapping("/api/upgrades/{id}/problems")
    ResponseEntity<?> report(@PathVariable String id, @RequestBody(required = false) ProblemReport report) {
        validate(report);
        String reporter = currentUser.id();
        return currentUser.readAsSystem(() -> correlate(id, report, reporter));
    }

    private ResponseEntity<?> correlate(String upgradeId, ProblemReport report, String reporter) {
        if (historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(upgradeId).count() == 0) {
            return problem(HttpStatus.NOT_FOUND, "Upgrade not found", "No upgrade '" + upgradeId + "'");
        }
        boolean monitoring = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(UpgradeMonitoringProcess.KEY).processInstanceBusinessKey(upgradeId).active()
                .count() > 0;
        if (!monitoring) {
            return notMonitored(upgradeId);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(UpgradeMonitoringProcess.PROBLEM_DESCRIPTION.name(), report.description().strip());
        variables.put(UpgradeMonitoringProcess.PROBLEM_CONTACT.name(), report.contact().strip());
        variables.put(UpgradeMonitoringProcess.PROBLEM_REPORTED_BY.name(), reporter);
        try {
            runtimeService.createMessageCorrelation(UpgradeMonitoringProcess.MESSAGE_USER_PROBLEM_REPORTED)
                    .processInstanceBusinessKey(upgradeId)
                    .setVariables(variables).correlateWithResult();
        } catch (MismatchingMessageCorrelationException ended) {
            return notMonitored(upgradeId); // monitoring ended in between
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("upgradeId", upgradeId);
        body.put("status", "REPORTED");
        body.put("reportedBy", reporter);
        body.put("message", "Thank you. Operations and the rollback decision owner decide on it: roll back, fix"
                + " forward, or accept.");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    private static ResponseEntity<ProblemDetail> notMonitored(String upgradeId) {
        return problem(HttpStatus.CONFLICT, "Upgrade not in monitoring", "Upgrade '" + upgradeId
                + "' is not being monitored right now (not yet released, or already closed): report the problem to"
                + " the service desk");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private static void validate(ProblemReport report) {
        if (report == null) {
            throw new InvalidRequestException("The body is missing", List.of(new ApiError("body",
                    "send the report as a JSON object {\"description\": \"...\", \"contact\": \"...\"}")));
        }
        List<ApiError> errors = new ArrayList<>();
        if (report.description() == null || report.description().isBlank()) {
            errors.add(new ApiError("description", "say what does not work as before"));
        } else if (report.description().length() > MAX_DESCRIPTION) {
            errors.add(new ApiError("description", "at most " + MAX_DESCRIPTION + " characters"));
        }
        if (report.contact() == null || report.contact().isBlank()) {
            errors.add(new ApiError("contact", "say how operations can reach you (phone, e-mail, team)"));
        } else if (report.contact().length() > MAX_CONTACT) {
            errors.add(new ApiError("contact", "at most " + MAX_CONTACT + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The problem report has " + errors.size() + " problem(s); nothing was"
                    + " reported", errors);
        }
    }
}
