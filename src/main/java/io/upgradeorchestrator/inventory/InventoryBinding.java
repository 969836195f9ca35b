package io.upgradeorchestrator.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.StdConverter;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.upgradeorchestrator.action.ActionSpec;
import io.upgradeorchestrator.action.CommandSpec;
import io.upgradeorchestrator.action.FileReadSpec;
import io.upgradeorchestrator.action.HttpCheckSpec;
import io.upgradeorchestrator.action.LogPattern;
import io.upgradeorchestrator.action.LogScanSpec;
import io.upgradeorchestrator.action.SqlCheckSpec;

/**
 * Binds inventory trees that {@link InventorySchema} accepted to the records, and writes runbooks back in the same
 * shape ({@link RunbookJson}). The schema owns the shape, so this only says where the file's shape differs from the
 * records'; the mix-ins live in this mapper alone and leave the records' JSON in the API as it is. The records' own
 * constructors keep their invariants (a valid regex, a valid SQL expectation …); what they refuse comes back as a
 * {@link com.fasterxml.jackson.databind.JsonMappingException} with the path of the entry.
 */
final class InventoryBinding {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(Include.NON_NULL, Include.NON_NULL))
            // Names of days, environments, areas and priorities were always read regardless of case.
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // An optional list left out is an empty list, never null.
            .withConfigOverride(List.class,
                    override -> override.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .addMixIn(Runbook.Step.class, StepMixIn.class)
            .addMixIn(Runbook.AcceptanceCheck.class, AcceptanceCheckMixIn.class)
            .addMixIn(Runbook.LogSource.class, LogSourceMixIn.class)
            .addMixIn(Runbook.MonitoringProbe.class, MonitoringProbeMixIn.class)
            .addMixIn(ConfigurationItem.class, ConfigurationItemMixIn.class)
            .build();

    private InventoryBinding() {
    }

    static InventorySystem system(JsonNode node) throws JsonProcessingException {
        return MAPPER.treeToValue(node, InventorySystem.class);
    }

    static Runbook runbook(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, Runbook.class);
    }

    static String json(Runbook runbook) throws JsonProcessingException {
        return MAPPER.writeValueAsString(runbook);
    }

    /** A configuration item's {@code read} in the file's shape, for the {@code inv_configuration_item} table. */
    static String json(ActionSpec read) throws JsonProcessingException {
        return MAPPER.writeValueAsString(ActionEntry.of(null, null, read, null));
    }

    static ActionSpec configurationRead(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, ActionEntry.class).configurationRead();
    }

    /**
     * A step, an acceptance check, a log source or a configuration item's read as written: the action's fields
     * stand beside the entry's own ({@code {command: [...], timeout: PT1M, estimate: PT5M}}). The schema says which
     * fields each may have.
     */
    record ActionEntry(String name, Runbook.Priority priority, List<String> command, String workingDirectory,
                       Duration timeout, Set<Integer> expectedExitCodes, HttpCheckSpec http, SqlCheckSpec sql,
                       Duration estimate, String file, List<LogPattern> patterns) {

        ActionSpec action() {
            if (http != null) {
                return http;
            }
            return sql != null ? sql : new CommandSpec(command, workingDirectory, Map.of(), timeout, expectedExitCodes);
        }

        /** A configuration item's {@code read}: the same command fields as a step, or a {@code file}. */
        ActionSpec configurationRead() {
            return file != null ? new FileReadSpec(file) : action();
        }

        static ActionEntry of(String name, Runbook.Priority priority, ActionSpec action, Duration estimate) {
            if (action instanceof CommandSpec c) {
                // Sorted, so that the same runbook is always stored as the same text.
                return new ActionEntry(name, priority, c.command(), c.workingDirectory(), c.timeout(),
                        new TreeSet<>(c.expectedExitCodes()), null, null, estimate, null, null);
            }
            if (action instanceof LogScanSpec scan) {
                return new ActionEntry(name, priority, scan.command(), null, null, null, null, null, estimate,
                        scan.file(), scan.patterns());
            }
            if (action instanceof FileReadSpec read) {
                return new ActionEntry(name, priority, null, null, null, null, null, null, estimate, read.file(),
                        null);
            }
            HttpCheckSpec http = action instanceof HttpCheckSpec check ? check : null;
            SqlCheckSpec sql = action instanceof SqlCheckSpec check ? check : null;
            return new ActionEntry(name, priority, null, null, null, null, http, sql, estimate, null, null);
        }
    }

    static final class FromStep extends StdConverter<Runbook.Step, ActionEntry> {
        @Override
        public ActionEntry convert(Runbook.Step step) {
            return ActionEntry.of(null, null, step.action(), step.estimate());
        }
    }

    static final class FromAcceptanceCheck extends StdConverter<Runbook.AcceptanceCheck, ActionEntry> {
        @Override
        public ActionEntry convert(Runbook.AcceptanceCheck check) {
            return ActionEntry.of(check.name(), check.priority(), check.action(), null);
        }
    }

    static final class FromLogSource extends StdConverter<Runbook.LogSource, ActionEntry> {
        @Override
        public ActionEntry convert(Runbook.LogSource source) {
            return ActionEntry.of(source.name(), null, source.scan(), null);
        }
    }

    /** A configuration item as written: its {@code read} has the fields of a step's command, or a {@code file}. */
    record ConfigurationItemEntry(String name, String kind, String location, ActionEntry read) {
    }

    static final class FromConfigurationItem extends StdConverter<ConfigurationItem, ConfigurationItemEntry> {
        @Override
        public ConfigurationItemEntry convert(ConfigurationItem item) {
            return new ConfigurationItemEntry(item.name(), item.kind(), item.location(),
                    item.read() == null ? null : ActionEntry.of(null, null, item.read(), null));
        }
    }

    static final class ToConfigurationItem extends StdConverter<ConfigurationItemEntry, ConfigurationItem> {
        @Override
        public ConfigurationItem convert(ConfigurationItemEntry entry) {
            return new ConfigurationItem(entry.name(), entry.kind(), entry.location(),
                    entry.read() == null ? null : entry.read().configurationRead());
        }
    }

    static final class ToStep extends StdConverter<ActionEntry, Runbook.Step> {
        @Override
        public Runbook.Step convert(ActionEntry entry) {
            return new Runbook.Step(entry.action(), entry.estimate());
        }
    }

    static final class ToAcceptanceCheck extends StdConverter<ActionEntry, Runbook.AcceptanceCheck> {
        @Override
        public Runbook.AcceptanceCheck convert(ActionEntry entry) {
            return new Runbook.AcceptanceCheck(entry.name(), entry.priority(), entry.action());
        }
    }

    static final class ToLogSource extends StdConverter<ActionEntry, Runbook.LogSource> {
        @Override
        public Runbook.LogSource convert(ActionEntry entry) {
            LogScanSpec scan = new LogScanSpec(entry.file(), entry.command(), entry.patterns());
            return new Runbook.LogSource(entry.name(), scan);
        }
    }

    @JsonDeserialize(converter = ToStep.class)
    @JsonSerialize(converter = FromStep.class)
    interface StepMixIn {
    }

    @JsonDeserialize(converter = ToAcceptanceCheck.class)
    @JsonSerialize(converter = FromAcceptanceCheck.class)
    interface AcceptanceCheckMixIn {
    }

    @JsonDeserialize(converter = ToLogSource.class)
    @JsonSerialize(converter = FromLogSource.class)
    interface LogSourceMixIn {
    }

    @JsonDeserialize(converter = ToConfigurationItem.class)
    @JsonSerialize(converter = FromConfigurationItem.class)
    interface ConfigurationItemMixIn {
    }

    /** The probe's check is written as {@code http}. */
    interface MonitoringProbeMixIn {
        @JsonProperty("http")
        HttpCheckSpec check();
    }
}
