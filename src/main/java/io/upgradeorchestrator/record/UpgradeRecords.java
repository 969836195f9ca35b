package io.upgradeorchestrator.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.upgradeorchestrator.issues.Issue;
import io.upgradeorchestrator.issues.IssueList;
import io.upgradeorchestrator.notification.MailAttachment;

/**
 * The upgrade record: written from the upgrade's facts, stored as JSON text, shown as a readable HTML page
 * ({@code templates/record/upgrade-record.html}) for the API and as the closing mail's attachment.
 */
@Service
public class UpgradeRecords {

    static final String TEMPLATE = "record/upgrade-record";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final UpgradeRecordWriter writer;
    private final UpgradeRecordRepository repository;
    private final ITemplateEngine templates;

    UpgradeRecords(UpgradeRecordWriter writer, UpgradeRecordRepository repository, ITemplateEngine templates) {
        this.writer = writer;
        this.repository = repository;
        this.templates = templates;
    }

    /** Writes the record from the facts and stores it (replacing an earlier version). */
    public StoredRecord store(Map<String, Object> variables, UpgradeHistory.Facts history, String status,
                              Instant writtenAt, Instant reviewedAt) {
        ObjectNode record = writer.write(new UpgradeRecordWriter.Facts(variables, history, status, writtenAt,
                reviewedAt));
        String upgradeId = record.path("upgradeId").asText(null);
        if (upgradeId == null) {
            throw new IllegalArgumentException("The upgrade record needs the variable upgradeId");
        }
        String closedAs = record.path("closedAs").asText(null);
        if (!UpgradeClosureProcess.COMPLETED.equals(closedAs) && !UpgradeClosureProcess.ROLLED_BACK.equals(closedAs)) {
            throw new IllegalArgumentException("closeAs must be COMPLETED or ROLLED_BACK, is '" + closedAs
                    + "': the caller of 'Close upgrade' sets it");
        }
        StoredRecord stored;
        try {
            stored = new StoredRecord(upgradeId, closedAs, status, JSON.writeValueAsString(record), writtenAt,
                    reviewedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        repository.save(stored);
        return stored;
    }

    public Optional<StoredRecord> find(String upgradeId) {
        return repository.find(upgradeId);
    }

    /** The record as a page a person reads. */
    public String html(StoredRecord record) {
        Map<String, Object> model;
        try {
            model = JSON.readValue(record.json(), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored record of " + record.upgradeId() + " is not JSON", e);
        }
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("record", model);
        context.setVariable("labels", RecordLabels.of(model));
        context.setVariable("text", new RecordText());
        return templates.process(TEMPLATE, context);
    }

    /** Every issue of the upgrade so far, from every source: for mails written before the record. */
    public List<Issue> issues(Map<String, Object> variables, UpgradeHistory.Facts history) {
        return writer.issuesOf(variables, history);
    }

    /** Every act of a person so far: the engine's and the users' reports among the issues, oldest first. */
    public List<PersonAct> acts(UpgradeHistory.Facts history, List<Issue> issues) {
        return UpgradeRecordWriter.acts(history.acts(), issues);
    }

    /** The issues as the stored record has them. */
    public List<Issue> issues(StoredRecord record) {
        try {
            JsonNode issues = JSON.readTree(record.json()).path("issues");
            return issues.isArray() ? IssueList.parse(issues.toString()) : List.of();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored record of " + record.upgradeId() + " is not JSON", e);
        }
    }

    public MailAttachment attachment(StoredRecord record) {
        return new MailAttachment("upgrade-record-" + record.upgradeId() + ".html", "text/html; charset=UTF-8",
                html(record).getBytes(StandardCharsets.UTF_8));
    }
}
