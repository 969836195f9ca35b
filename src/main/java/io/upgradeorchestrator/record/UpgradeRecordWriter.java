package io.upgradeorchestrator.record;

import static io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess.ANNOUNCED_AT;
import static io.upgradeorchestrator.approval.ApprovalVariables.APPROVALS;
import static io.upgradeorchestrator.assessment.AssessmentVariables.BUSINESS_IMPACT;
import static io.upgradeorchestrator.assessment.AssessmentVariables.IMPACT_REVIEWED_BY;
import static io.upgradeorchestrator.assessment.AssessmentVariables.RISK_LEVEL;
import static io.upgradeorchestrator.assessment.AssessmentVariables.TIER;
import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_LOCATION;
import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_SHA256;
import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_SIZE_BYTES;
import static io.upgradeorchestrator.backup.BackupVariables.RESTORE_VERIFIED;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_DECIDED_BY;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_DECISION;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_DURATION;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_ENDED_AT;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_OUTCOME;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_STARTED_AT;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.MONITORING_SUMMARY;
import static io.upgradeorchestrator.monitoring.UpgradeMonitoringProcess.USER_PROBLEMS;
import static io.upgradeorchestrator.record.UpgradeClosureProcess.CLOSE_AS;
import static io.upgradeorchestrator.record.UpgradeClosureProcess.FOLLOW_UPS;
import static io.upgradeorchestrator.record.UpgradeClosureProcess.LESSONS_LEARNED;
import static io.upgradeorchestrator.record.UpgradeClosureProcess.REVIEWED_BY;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.ACCEPTANCE_SUMMARY;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.PERFORMANCE_SUMMARY;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_ROLLBACK_MINUTES;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_SUMMARY;
import static io.upgradeorchestrator.rehearsal.RehearsalVariables.REHEARSAL_UPGRADE_MINUTES;
import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.DATA_RESTORED;
import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.ROLLBACK_SUMMARY;
import static io.upgradeorchestrator.rollback.UpgradeRollbackProcess.ROLLED_BACK;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.ROLLBACK_DECISION_OWNER;
import static io.upgradeorchestrator.rollbackplan.RollbackPlanVariables.ROLLBACK_STEPS;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.BASELINE_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.CHANGED_CONFIGURATION;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.FINAL_BACKUP_LOCATION;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.FINAL_BACKUP_SHA256;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.FINAL_BACKUP_SIZE_BYTES;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.FINAL_BACKUP_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.FINAL_BACKUP_VERIFIED;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.LOG_REVIEW_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.MANUAL_CHECK_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.NODES_FAILED;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.NODES_UPGRADED;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLBACK_DECIDED_BY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLBACK_DECISION;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.ROLLOUT_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.UPGRADE_FINISHED_AT;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.UPGRADE_STARTED_AT;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.VERIFICATION_PASSED;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.VERIFICATION_SUMMARY;
import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.WAVES_TOTAL;
import static io.upgradeorchestrator.variables.UpgradeVariables.BASELINE_PROBES;
import static io.upgradeorchestrator.variables.UpgradeVariables.CHANGE_TYPE;
import static io.upgradeorchestrator.variables.UpgradeVariables.CURRENT_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.DATA_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.IRREVERSIBLE_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.OWNER_GROUP;
import static io.upgradeorchestrator.variables.UpgradeVariables.PURPOSE;
import static io.upgradeorchestrator.variables.UpgradeVariables.REASON;
import static io.upgradeorchestrator.variables.UpgradeVariables.RELEASE_NOTES_URL;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER;
import static io.upgradeorchestrator.variables.UpgradeVariables.ROLLBACK_TRIGGER_DETAIL;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_NAME;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_TITLE;
import static io.upgradeorchestrator.variables.UpgradeVariables.URGENCY;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_END;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.upgradeorchestrator.action.ActionRun;
import io.upgradeorchestrator.action.ActionRunRepository;
import io.upgradeorchestrator.announcement.UpgradeAnnouncementProcess;
import io.upgradeorchestrator.configuration.ConfigurationReport;
import io.upgradeorchestrator.identity.Requesters;
import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueDecision;
import io.upgradeorchestrator.issues.IssueSource;
import io.upgradeorchestrator.issues.Issues;
import io.upgradeorchestrator.issues.UpgradeFacts;
import io.upgradeorchestrator.notification.MailLog;
import io.upgradeorchestrator.variables.Var;

/**
 * Writes the upgrade record from what the process really did: its variables (versions, times, people, backups,
 * tests, decisions), the mails recorded in {@code mail_log}, the action runs recorded in {@code action_run} and the
 * rollout's per-node results. Knows nothing of Camunda: the caller hands over the variables by name (JSON variables
 * as their JSON text). A fact the process did not produce is written as {@code null}, never made up.
 */
@Service
public class UpgradeRecordWriter {

    static final String MONITORING_PROBE_PREFIX = "monitoring probe: ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ActionRunRepository actionRuns;
    private final MailLog mailLog;
    private final RolloutNodeResultReader rolloutNodes;
    private final Requesters requesters;
    private final Issues issues;
    private final ConfigurationReport configurationReport;

    UpgradeRecordWriter(ActionRunRepository actionRuns, MailLog mailLog, RolloutNodeResultReader rolloutNodes,
                        Requesters requesters, Issues issues, ConfigurationReport configurationReport) {
        this.actionRuns = actionRuns;
        this.mailLog = mailLog;
        this.rolloutNodes = rolloutNodes;
        this.requesters = requesters;
        this.issues = issues;
        this.configurationReport = configurationReport;
    }

    /**
     * The facts and the record's status.
     *
     * @param history what the engine's history adds: the persons' acts, when the rollback decision started
     */
    public record Facts(Map<String, Object> variables, UpgradeHistory.Facts history, String recordStatus,
                        Instant writtenAt, Instant reviewedAt) {
    }

    /** Every issue of the upgrade, from every source ({@link Issues}). */
    List<Issue> issuesOf(Map<String, Object> variables, UpgradeHistory.Facts history) {
        Map<String, Object> facts = new LinkedHashMap<>(variables);
        if (history.rollbackTriggeredAt() != null) {
            facts.put(UpgradeFacts.ROLLBACK_TRIGGERED_AT, history.rollbackTriggeredAt());
        }
        return issues.of(new UpgradeFacts(UPGRADE_ID.from(variables), facts));
    }

    public ObjectNode write(Facts facts) {
        Map<String, Object> v = facts.variables();
        String upgradeId = UPGRADE_ID.from(v);
        String closeAs = CLOSE_AS.from(v);
        boolean completed = UpgradeClosureProcess.COMPLETED.equals(closeAs);
        ObjectNode record = JSON.createObjectNode();
        record.put("upgradeId", upgradeId);
        record.put("title", UPGRADE_TITLE.from(v));
        record.put("closedAs", closeAs);
        record.put("recordStatus", facts.recordStatus());
        record.put("writtenAt", string(facts.writtenAt()));
        record.put("reviewedAt", string(facts.reviewedAt()));

        ObjectNode system = record.putObject("system");
        put(system, "id", SYSTEM_ID.from(v));
        put(system, "name", SYSTEM_NAME.from(v));
        put(system, "tier", TIER.from(v));
        put(system, "ownerGroup", OWNER_GROUP.from(v));

        ObjectNode versions = record.putObject("versions");
        put(versions, "old", CURRENT_VERSION.from(v));
        put(versions, "new", TARGET_VERSION.from(v));
        put(versions, "runningNow", completed ? TARGET_VERSION.from(v) : CURRENT_VERSION.from(v));

        ObjectNode request = record.putObject("request");
        for (Var<?> variable : List.of(REASON, PURPOSE, URGENCY, CHANGE_TYPE, RISK_LEVEL, BUSINESS_IMPACT, DATA_MIGRATION, IRREVERSIBLE_MIGRATION, RELEASE_NOTES_URL)) {
            put(request, variable.name(), variable.from(v));
        }

        ObjectNode times = record.putObject("times");
        for (Var<?> variable : List.of(WINDOW_START, WINDOW_END, UPGRADE_STARTED_AT, UPGRADE_FINISHED_AT, MONITORING_STARTED_AT, MONITORING_ENDED_AT, ANNOUNCED_AT)) {
            put(times, variable.name(), variable.from(v));
        }

        ObjectNode people = record.putObject("people");
        // the requester as the server recorded it at the start, not a variable anybody could have rewritten
        put(people, "requester", requesters.requesterOf(upgradeId).orElse(null));
        ArrayNode approvers = people.putArray("approvers");
        for (JsonNode approval : jsonList(text(v, APPROVALS.name()))) {
            ObjectNode entry = approvers.addObject();
            entry.put("approver", approval.path("approver").asText(null));
            entry.put("group", approval.path("approverGroup").asText(null));
            entry.put("decision", approval.path("decision").asText(null));
            entry.put("comment", approval.path("comment").asText(null));
            entry.put("decidedAt", approval.path("decidedAt").asText(null));
        }
        put(people, "impactReviewedBy", IMPACT_REVIEWED_BY.from(v));
        put(people, "rollbackDecisionOwner", ROLLBACK_DECISION_OWNER.from(v));
        put(people, "rollbackDecidedBy", ROLLBACK_DECIDED_BY.from(v));
        put(people, "monitoringDecidedBy", MONITORING_DECIDED_BY.from(v));
        put(people, "reviewedBy", REVIEWED_BY.from(v));
        List<Issue> found = issuesOf(v, facts.history());
        List<PersonAct> acts = acts(facts.history().acts(), found);
        people.set("changeStartedBy", changeStartedBy(acts, UPGRADE_STARTED_AT.from(v)));
        ArrayNode actList = people.putArray("acts");
        for (PersonAct act : acts) {
            ObjectNode entry = actList.addObject();
            entry.put("at", string(act.at()));
            entry.put("who", act.who());
            entry.put("act", act.act().name());
            entry.put("what", act.what());
            entry.put("reference", act.reference());
        }

        ObjectNode backups = record.putObject("backups");
        ObjectNode readiness = backups.putObject("readiness");
        put(readiness, "location", BACKUP_LOCATION.from(v));
        put(readiness, "sizeBytes", BACKUP_SIZE_BYTES.from(v));
        put(readiness, "sha256", BACKUP_SHA256.from(v));
        put(readiness, "restoreVerified", RESTORE_VERIFIED.from(v));
        ObjectNode finalBackup = backups.putObject("final");
        put(finalBackup, "location", FINAL_BACKUP_LOCATION.from(v));
        put(finalBackup, "sizeBytes", FINAL_BACKUP_SIZE_BYTES.from(v));
        put(finalBackup, "sha256", FINAL_BACKUP_SHA256.from(v));
        put(finalBackup, "verified", FINAL_BACKUP_VERIFIED.from(v));
        put(finalBackup, "summary", FINAL_BACKUP_SUMMARY.from(v));

        // the configuration read before and after the change (and after a rollback), compared item by item
        ConfigurationReport.Report configuration = upgradeId == null ? null : configurationReport.forUpgrade(upgradeId);
        if (configuration != null && configuration.captured()) {
            put(record, "changedConfiguration", configuration.summary());
            record.set("configuration", JSON.valueToTree(configuration));
        } else {
            put(record, "changedConfiguration", CHANGED_CONFIGURATION.from(v));
            record.putNull("configuration");
        }

        ObjectNode tests = record.putObject("tests");
        put(tests, "rehearsal", REHEARSAL_SUMMARY.from(v));
        put(tests, "rehearsalUpgradeMinutes", REHEARSAL_UPGRADE_MINUTES.from(v));
        put(tests, "rehearsalRollbackMinutes", REHEARSAL_ROLLBACK_MINUTES.from(v));
        put(tests, "acceptance", ACCEPTANCE_SUMMARY.from(v));
        put(tests, "performance", PERFORMANCE_SUMMARY.from(v));
        put(tests, "baseline", BASELINE_SUMMARY.from(v));
        tests.set("baselineProbes", jsonList(text(v, BASELINE_PROBES.name())));

        ObjectNode acceptance = record.putObject("acceptance");
        for (Var<?> variable : List.of(VERIFICATION_PASSED, VERIFICATION_SUMMARY, LOG_REVIEW_SUMMARY, MANUAL_CHECK_SUMMARY)) {
            put(acceptance, variable.name(), variable.from(v));
        }

        ObjectNode rollout = record.putObject("rollout");
        for (Var<?> variable : List.of(WAVES_TOTAL, NODES_UPGRADED, NODES_FAILED, ROLLOUT_SUMMARY)) {
            put(rollout, variable == ROLLOUT_SUMMARY ? "summary" : variable.name(), variable.from(v));
        }
        Optional<List<Map<String, Object>>> nodes = rolloutNodes.findByUpgradeId(upgradeId);
        if (nodes.isPresent()) {
            rollout.set("nodes", JSON.valueToTree(nodes.get()));
        } else {
            rollout.putNull("nodes");
            rollout.put("nodesNote", "per-node results are not available in this installation (no table "
                    + RolloutNodeResultReader.TABLE + ")");
        }

        ObjectNode monitoring = record.putObject("monitoring");
        put(monitoring, "duration", MONITORING_DURATION.from(v));
        put(monitoring, "outcome", MONITORING_OUTCOME.from(v));
        put(monitoring, "summary", MONITORING_SUMMARY.from(v));
        put(monitoring, "lastDecision", MONITORING_DECISION.from(v));
        put(monitoring, "decidedBy", MONITORING_DECIDED_BY.from(v));

        record.set("issues", JSON.valueToTree(found.stream().map(Issue::toMap).toList()));
        // the same issues one per line, as readers of earlier records know them
        record.set("issuesFound", JSON.valueToTree(found.stream().map(Issue::line).toList()));
        record.set("userProblems", lines(USER_PROBLEMS.from(v)));

        ObjectNode rollback = record.putObject("rollback");
        Object rolledBack = ROLLED_BACK.from(v);
        rollback.put("status", completed ? "NOT_NEEDED" : Boolean.TRUE.equals(rolledBack) ? "ROLLED_BACK"
                : Boolean.FALSE.equals(rolledBack) ? "ROLLBACK_FAILED" : "NOT_RECORDED");
        put(rollback, "trigger", ROLLBACK_TRIGGER.from(v));
        put(rollback, "triggerDetail", ROLLBACK_TRIGGER_DETAIL.from(v));
        put(rollback, "decision", ROLLBACK_DECISION.from(v));
        put(rollback, "decidedBy", ROLLBACK_DECIDED_BY.from(v));
        put(rollback, "summary", ROLLBACK_SUMMARY.from(v));
        put(rollback, "rolledBack", rolledBack);
        put(rollback, "dataRestored", DATA_RESTORED.from(v));
        put(rollback, "plan", ROLLBACK_STEPS.from(v));

        ArrayNode notifications = record.putArray("notifications");
        for (MailLog.Entry mail : upgradeId == null ? List.<MailLog.Entry>of() : mailLog.findByUpgradeId(upgradeId)) {
            ObjectNode entry = notifications.addObject();
            entry.put("sentAt", string(mail.sentAt()));
            entry.put("template", mail.template());
            entry.put("subject", mail.subject());
            entry.set("recipients", JSON.valueToTree(mail.recipients()));
            entry.set("attachments", JSON.valueToTree(mail.attachments()));
        }

        ArrayNode actions = record.putArray("actions");
        int probeSamples = 0;
        int probeSamplesFailed = 0;
        for (ActionRun run : upgradeId == null ? List.<ActionRun>of() : actionRuns.findByUpgradeId(upgradeId)) {
            if (run.actionName().startsWith(MONITORING_PROBE_PREFIX)) {
                probeSamples++;
                probeSamplesFailed += run.status() == ActionRun.Status.SUCCEEDED ? 0 : 1;
                continue;
            }
            ObjectNode entry = actions.addObject();
            entry.put("startedAt", string(run.startedAt()));
            entry.put("finishedAt", string(run.finishedAt()));
            entry.put("target", run.target());
            entry.put("action", run.actionName());
            entry.put("kind", run.kind().name());
            entry.put("status", run.status().name());
            entry.put("summary", run.summary());
        }
        ObjectNode probes = record.putObject("monitoringProbeRuns");
        probes.put("samples", probeSamples);
        probes.put("failed", probeSamplesFailed);

        record.set("followUps", followUps(v, found, completed));
        put(record, "lessonsLearned", LESSONS_LEARNED.from(v));
        return record;
    }

    /** Follow-ups the process itself knows of, then the reviewer's. */
    private static ArrayNode followUps(Map<String, Object> v, List<Issue> found, boolean completed) {
        List<String> items = new ArrayList<>();
        for (Issue issue : found) {
            if (issue.decision() == IssueDecision.FIX_FORWARD) {
                items.add("Fix forward: " + issue.line());
            }
        }
        if (!completed) {
            items.add("Find the cause of the rollback and re-plan the upgrade to " + TARGET_VERSION.from(v)
                    + (ROLLBACK_TRIGGER_DETAIL.from(v) == null ? "" : " (" + ROLLBACK_TRIGGER_DETAIL.from(v) + ")"));
        }
        Object failed = NODES_FAILED.from(v);
        if (completed && failed instanceof Number number && number.intValue() > 0) {
            items.add("Investigate the " + number + " node(s) whose upgrade failed");
        }
        for (JsonNode line : lines(FOLLOW_UPS.from(v))) {
            items.add(line.asText());
        }
        return JSON.valueToTree(items);
    }

    /** The engine's acts and the users' reports (they come in through the API, not as tasks), oldest first. */
    static List<PersonAct> acts(List<PersonAct> history, List<Issue> issues) {
        List<PersonAct> acts = new ArrayList<>(history);
        issues.stream().filter(issue -> issue.source() == IssueSource.USER_REPORT && issue.reportedBy() != null)
                .forEach(issue -> acts.add(new PersonAct(issue.at(), issue.reportedBy(), PersonAct.Act.REPORTED_PROBLEM,
                        issue.what(), null)));
        acts.sort(Comparator.comparing(PersonAct::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return acts;
    }

    /**
     * Who started the change: the operator who made the window's timer due, else nobody (the window's timer at
     * its time). The change itself runs the runbook's steps; the persons' acts say who checked and decided.
     */
    private static ObjectNode changeStartedBy(List<PersonAct> acts, Object startedAt) {
        ObjectNode started = JSON.createObjectNode();
        Optional<PersonAct> early = acts.stream().filter(a -> a.act() == PersonAct.Act.MADE_TIMER_DUE
                && a.what().contains(UpgradeAnnouncementProcess.TIMER_WINDOW_STARTS)).reduce((first, second) -> second);
        started.put("who", early.map(PersonAct::who).orElse(null));
        started.put("how", early.isPresent() ? "made the window's timer due" : "the window's timer at its time");
        started.put("madeDueAt", early.map(a -> a.at().toString()).orElse(null));
        put(started, "changeStartedAt", startedAt);
        return started;
    }

    private static ArrayNode lines(String text) {
        ArrayNode lines = JSON.createArrayNode();
        if (text != null) {
            text.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(lines::add);
        }
        return lines;
    }

    private static ArrayNode jsonList(String json) {
        if (json == null || json.isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isArray() ? (ArrayNode) node : JSON.createArrayNode();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A JSON variable of the upgrade is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static void put(ObjectNode node, String field, Object value) {
        if (value == null) {
            node.putNull(field);
        } else if (value instanceof Date date) {
            node.put(field, date.toInstant().toString());
        } else if (value instanceof Instant instant) {
            node.put(field, instant.toString());
        } else if (value instanceof Boolean bool) {
            node.put(field, bool);
        } else if (value instanceof Integer number) {
            node.put(field, number);
        } else if (value instanceof Long number) {
            node.put(field, number);
        } else if (value instanceof Number number) {
            node.put(field, number.doubleValue());
        } else {
            node.put(field, value.toString());
        }
    }

    private static String text(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        return value == null ? null : value.toString();
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
