package io.upgradeorchestrator.record;

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
        return issues.of(new UpgradeFacts(text(variables, "upgradeId"), facts));
    }

    public ObjectNode write(Facts facts) {
        Map<String, Object> v = facts.variables();
        String upgradeId = text(v, "upgradeId");
        String closeAs = text(v, "closeAs");
        boolean completed = UpgradeClosureProcess.COMPLETED.equals(closeAs);
        ObjectNode record = JSON.createObjectNode();
        record.put("upgradeId", upgradeId);
        record.put("title", text(v, "upgradeTitle"));
        record.put("closedAs", closeAs);
        record.put("recordStatus", facts.recordStatus());
        record.put("writtenAt", string(facts.writtenAt()));
        record.put("reviewedAt", string(facts.reviewedAt()));

        ObjectNode system = record.putObject("system");
        put(system, "id", v.get("systemId"));
        put(system, "name", v.get("systemName"));
        put(system, "tier", v.get("tier"));
        put(system, "ownerGroup", v.get("ownerGroup"));

        ObjectNode versions = record.putObject("versions");
        put(versions, "old", v.get("currentVersion"));
        put(versions, "new", v.get("targetVersion"));
        put(versions, "runningNow", completed ? v.get("targetVersion") : v.get("currentVersion"));

        ObjectNode request = record.putObject("request");
        for (String name : List.of("reason", "purpose", "urgency", "changeType", "riskLevel", "businessImpact",
                "dataMigration", "irreversibleMigration", "releaseNotesUrl")) {
            put(request, name, v.get(name));
        }

        ObjectNode times = record.putObject("times");
        for (String name : List.of("windowStart", "windowEnd", "upgradeStartedAt", "upgradeFinishedAt",
                "monitoringStartedAt", "monitoringEndedAt", "announcedAt")) {
            put(times, name, v.get(name));
        }

        ObjectNode people = record.putObject("people");
        // the requester as the server recorded it at the start, not a variable anybody could have rewritten
        put(people, "requester", requesters.requesterOf(upgradeId).orElse(null));
        ArrayNode approvers = people.putArray("approvers");
        for (JsonNode approval : jsonList(text(v, "approvals"))) {
            ObjectNode entry = approvers.addObject();
            entry.put("approver", approval.path("approver").asText(null));
            entry.put("group", approval.path("approverGroup").asText(null));
            entry.put("decision", approval.path("decision").asText(null));
            entry.put("comment", approval.path("comment").asText(null));
            entry.put("decidedAt", approval.path("decidedAt").asText(null));
        }
        put(people, "impactReviewedBy", v.get("impactReviewedBy"));
        put(people, "rollbackDecisionOwner", v.get("rollbackDecisionOwner"));
        put(people, "rollbackDecidedBy", v.get("rollbackDecidedBy"));
        put(people, "monitoringDecidedBy", v.get("monitoringDecidedBy"));
        put(people, "reviewedBy", v.get("reviewedBy"));
        List<Issue> found = issuesOf(v, facts.history());
        List<PersonAct> acts = acts(facts.history().acts(), found);
        people.set("changeStartedBy", changeStartedBy(acts, v.get("upgradeStartedAt")));
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
        put(readiness, "location", v.get("backupLocation"));
        put(readiness, "sizeBytes", v.get("backupSizeBytes"));
        put(readiness, "sha256", v.get("backupSha256"));
        put(readiness, "restoreVerified", v.get("restoreVerified"));
        ObjectNode finalBackup = backups.putObject("final");
        put(finalBackup, "location", v.get("finalBackupLocation"));
        put(finalBackup, "sizeBytes", v.get("finalBackupSizeBytes"));
        put(finalBackup, "sha256", v.get("finalBackupSha256"));
        put(finalBackup, "verified", v.get("finalBackupVerified"));
        put(finalBackup, "summary", v.get("finalBackupSummary"));

        // the configuration read before and after the change (and after a rollback), compared item by item
        ConfigurationReport.Report configuration = upgradeId == null ? null : configurationReport.forUpgrade(upgradeId);
        if (configuration != null && configuration.captured()) {
            put(record, "changedConfiguration", configuration.summary());
            record.set("configuration", JSON.valueToTree(configuration));
        } else {
            put(record, "changedConfiguration", v.get("changedConfiguration"));
            record.putNull("configuration");
        }

        ObjectNode tests = record.putObject("tests");
        put(tests, "rehearsal", v.get("rehearsalSummary"));
        put(tests, "rehearsalUpgradeMinutes", v.get("rehearsalUpgradeMinutes"));
        put(tests, "rehearsalRollbackMinutes", v.get("rehearsalRollbackMinutes"));
        put(tests, "acceptance", v.get("acceptanceSummary"));
        put(tests, "performance", v.get("performanceSummary"));
        put(tests, "baseline", v.get("baselineSummary"));
        tests.set("baselineProbes", jsonList(text(v, "baselineProbes")));

        ObjectNode acceptance = record.putObject("acceptance");
        for (String name : List.of("verificationPassed", "verificationSummary", "logReviewSummary",
                "manualCheckSummary")) {
            put(acceptance, name, v.get(name));
        }

        ObjectNode rollout = record.putObject("rollout");
        for (String name : List.of("wavesTotal", "nodesUpgraded", "nodesFailed", "rolloutSummary")) {
            put(rollout, name.equals("rolloutSummary") ? "summary" : name, v.get(name));
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
        put(monitoring, "duration", v.get("monitoringDuration"));
        put(monitoring, "outcome", v.get("monitoringOutcome"));
        put(monitoring, "summary", v.get("monitoringSummary"));
        put(monitoring, "lastDecision", v.get("monitoringDecision"));
        put(monitoring, "decidedBy", v.get("monitoringDecidedBy"));

        record.set("issues", JSON.valueToTree(found.stream().map(Issue::toMap).toList()));
        // the same issues one per line, as readers of earlier records know them
        record.set("issuesFound", JSON.valueToTree(found.stream().map(Issue::line).toList()));
        record.set("userProblems", lines(text(v, "userProblems")));

        ObjectNode rollback = record.putObject("rollback");
        Object rolledBack = v.get("rolledBack");
        rollback.put("status", completed ? "NOT_NEEDED" : Boolean.TRUE.equals(rolledBack) ? "ROLLED_BACK"
                : Boolean.FALSE.equals(rolledBack) ? "ROLLBACK_FAILED" : "NOT_RECORDED");
        put(rollback, "trigger", v.get("rollbackTrigger"));
        put(rollback, "triggerDetail", v.get("rollbackTriggerDetail"));
        put(rollback, "decision", v.get("rollbackDecision"));
        put(rollback, "decidedBy", v.get("rollbackDecidedBy"));
        put(rollback, "summary", v.get("rollbackSummary"));
        put(rollback, "rolledBack", rolledBack);
        put(rollback, "dataRestored", v.get("dataRestored"));
        put(rollback, "plan", v.get("rollbackSteps"));

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
        put(record, "lessonsLearned", v.get("lessonsLearned"));
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
            items.add("Find the cause of the rollback and re-plan the upgrade to " + text(v, "targetVersion")
                    + (text(v, "rollbackTriggerDetail") == null ? "" : " (" + text(v, "rollbackTriggerDetail") + ")"));
        }
        Object failed = v.get("nodesFailed");
        if (completed && failed instanceof Number number && number.intValue() > 0) {
            items.add("Investigate the " + number + " node(s) whose upgrade failed");
        }
        for (JsonNode line : lines(text(v, "followUps"))) {
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
