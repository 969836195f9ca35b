package io.upgradeorchestrator.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inventory in the application's {@code inv_*} tables (see {@code db/migration/V1__inventory.sql}).
 * Reads load all child rows of the requested systems with one query per table.
 */
@Repository
class InventoryRepository {

    // Only lists of strings, numbers and enum names are stored as JSON; a private mapper keeps the format
    // independent of the application's Jackson settings.
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<DayOfWeek>> DAYS_OF_WEEK = new TypeReference<>() { };
    private static final TypeReference<List<Integer>> INTEGERS = new TypeReference<>() { };

    private final NamedParameterJdbcTemplate jdbc;

    InventoryRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the whole stored inventory with {@code systems}, all or nothing. */
    @Transactional
    void replaceAll(List<InventorySystem> systems, String location) {
        // Taking the row lock first makes concurrent loads (several nodes starting at once) run one after the other.
        jdbc.update("UPDATE inv_load SET loaded_at = :loadedAt, location = :location, system_count = :count "
                + "WHERE id = 1", new MapSqlParameterSource()
                .addValue("loadedAt", Timestamp.from(Instant.now()))
                .addValue("location", location)
                .addValue("count", systems.size()));
        for (String table : List.of("inv_runbook", "inv_requirement", "inv_release", "inv_configuration_item", "inv_dependency",
                "inv_component", "inv_node", "inv_on_call_role", "inv_peak_period", "inv_system")) {
            jdbc.getJdbcOperations().update("DELETE FROM " + table);
        }
        List<MapSqlParameterSource> systemRows = new ArrayList<>();
        List<MapSqlParameterSource> peakPeriods = new ArrayList<>();
        List<MapSqlParameterSource> onCallRoles = new ArrayList<>();
        List<MapSqlParameterSource> nodes = new ArrayList<>();
        List<MapSqlParameterSource> components = new ArrayList<>();
        List<MapSqlParameterSource> dependencies = new ArrayList<>();
        List<MapSqlParameterSource> configurationItems = new ArrayList<>();
        List<MapSqlParameterSource> releases = new ArrayList<>();
        List<MapSqlParameterSource> requirements = new ArrayList<>();
        List<MapSqlParameterSource> runbooks = new ArrayList<>();
        for (int s = 0; s < systems.size(); s++) {
            InventorySystem system = systems.get(s);
            String id = system.id();
            systemRows.add(new MapSqlParameterSource()
                    .addValue("id", id)
                    .addValue("listIndex", s)
                    .addValue("name", system.name())
                    .addValue("tier", system.tier())
                    .addValue("ownerGroup", system.ownerGroup())
                    .addValue("businessServices", toJson(system.businessServices()))
                    .addValue("criticalUserGroups", toJson(system.criticalUserGroups()))
                    .addValue("complianceTags", toJson(system.complianceTags()))
                    .addValue("notificationList", toJson(system.notificationList()))
                    .addValue("availabilityPercent", system.sla().availabilityPercent())
                    .addValue("maxOutageMinutes", system.sla().maxOutageMinutes())
                    .addValue("supportHours", system.sla().supportHours()));
            addRows(peakPeriods, id, system.peakPeriods(), (row, period) -> row
                    .addValue("name", period.name())
                    .addValue("daysOfWeek", toJson(period.daysOfWeek()))
                    .addValue("daysOfMonth", toJson(period.daysOfMonth()))
                    .addValue("startTime", period.start())
                    .addValue("endTime", period.end())
                    .addValue("zoneId", period.zone()));
            addRows(onCallRoles, id, system.onCallRoles(), (row, role) -> row
                    .addValue("roleName", role.role())
                    .addValue("groupName", role.group()));
            addRows(nodes, id, system.nodes(), (row, node) -> row
                    .addValue("id", node.id())
                    .addValue("host", node.host())
                    .addValue("site", node.site())
                    .addValue("environment", node.environment().name())
                    .addValue("version", node.version()));
            addRows(components, id, system.components(), (row, component) -> row
                    .addValue("area", component.area().name())
                    .addValue("name", component.name())
                    .addValue("version", component.version()));
            addRows(dependencies, id, system.dependencies(), (row, dependency) -> row
                    .addValue("dependsOn", dependency.systemId())
                    .addValue("description", dependency.description()));
            addRows(configurationItems, id, system.configurationItems(), (row, item) -> row
                    .addValue("name", item.name())
                    .addValue("kind", item.kind())
                    .addValue("location", item.location())
                    .addValue("readJson", item.read() == null ? null : RunbookJson.writeRead(item.read())));
            addRows(releases, id, system.releases(), (row, release) -> row
                    .addValue("version", release.version())
                    .addValue("releaseNotesUrl", release.releaseNotesUrl())
                    .addValue("mixedVersionSupported", release.mixedVersionSupported()));
            for (Release release : system.releases()) {
                addRows(requirements, id, release.requirements(), (row, requirement) -> row
                        .addValue("releaseVersion", release.version())
                        .addValue("area", requirement.area().name())
                        .addValue("component", requirement.component())
                        .addValue("minimumVersion", requirement.minimumVersion()));
            }
            if (system.runbook() != null) {
                runbooks.add(new MapSqlParameterSource()
                        .addValue("systemId", id)
                        .addValue("demoTarget", system.runbook().demoTarget())
                        .addValue("json", RunbookJson.write(system.runbook())));
            }
        }
        insert("""
                INSERT INTO inv_system (id, list_index, name, tier, owner_group, business_services,
                    critical_user_groups, compliance_tags, notification_list, sla_availability_percent,
                    sla_max_outage_minutes, sla_support_hours)
                VALUES (:id, :listIndex, :name, :tier, :ownerGroup, :businessServices, :criticalUserGroups,
                    :complianceTags, :notificationList, :availabilityPercent, :maxOutageMinutes, :supportHours)
                """, systemRows);
        insert("""
                INSERT INTO inv_peak_period (system_id, list_index, name, days_of_week, days_of_month, start_time,
                    end_time, zone_id)
                VALUES (:systemId, :listIndex, :name, :daysOfWeek, :daysOfMonth, :startTime, :endTime, :zoneId)
                """, peakPeriods);
        insert("""
                INSERT INTO inv_on_call_role (system_id, list_index, role_name, group_name)
                VALUES (:systemId, :listIndex, :roleName, :groupName)
                """, onCallRoles);
        insert("""
                INSERT INTO inv_node (id, system_id, list_index, host, site, environment, version)
                VALUES (:id, :systemId, :listIndex, :host, :site, :environment, :version)
                """, nodes);
        insert("""
                INSERT INTO inv_component (system_id, list_index, area, name, version)
                VALUES (:systemId, :listIndex, :area, :name, :version)
                """, components);
        insert("""
                INSERT INTO inv_dependency (system_id, list_index, depends_on_system_id, description)
                VALUES (:systemId, :listIndex, :dependsOn, :description)
                """, dependencies);
        insert("""
                INSERT INTO inv_configuration_item (system_id, list_index, name, kind, location, read_json)
                VALUES (:systemId, :listIndex, :name, :kind, :location, :readJson)
                """, configurationItems);
        insert("""
                INSERT INTO inv_release (system_id, version, list_index, release_notes_url, mixed_version_supported)
                VALUES (:systemId, :version, :listIndex, :releaseNotesUrl, :mixedVersionSupported)
                """, releases);
        insert("""
                INSERT INTO inv_requirement (system_id, release_version, list_index, area, component, minimum_version)
                VALUES (:systemId, :releaseVersion, :listIndex, :area, :component, :minimumVersion)
                """, requirements);
        insert("""
                INSERT INTO inv_runbook (system_id, demo_target, runbook_json)
                VALUES (:systemId, :demoTarget, :json)
                """, runbooks);
    }

    @Transactional(readOnly = true)
    List<InventorySystem> findAll() {
        return load(null);
    }

    @Transactional(readOnly = true)
    Optional<InventorySystem> findById(String id) {
        return load(List.of(id)).stream().findFirst();
    }

    /** Systems that declare a dependency on {@code systemId}. */
    @Transactional(readOnly = true)
    List<InventorySystem> findDependents(String systemId) {
        List<String> ids = jdbc.queryForList(
                "SELECT DISTINCT system_id FROM inv_dependency WHERE depends_on_system_id = :id",
                Map.of("id", systemId), String.class);
        return ids.isEmpty() ? List.of() : load(ids);
    }

    /** The systems with the given ids, or all systems when {@code ids} is null; in declaration order. */
    private List<InventorySystem> load(Collection<String> ids) {
        String systemFilter = ids == null ? "" : " WHERE id IN (:ids)";
        String childFilter = ids == null ? "" : " WHERE system_id IN (:ids)";
        MapSqlParameterSource params = new MapSqlParameterSource("ids", ids);

        Map<String, List<PeakPeriod>> peakPeriods = children(
                "SELECT * FROM inv_peak_period" + childFilter, params, (rs, n) -> new PeakPeriod(
                        rs.getString("name"),
                        fromJson(rs.getString("days_of_week"), DAYS_OF_WEEK),
                        fromJson(rs.getString("days_of_month"), INTEGERS),
                        rs.getObject("start_time", LocalTime.class),
                        rs.getObject("end_time", LocalTime.class),
                        rs.getString("zone_id")));
        Map<String, List<OnCallRole>> onCallRoles = children(
                "SELECT * FROM inv_on_call_role" + childFilter, params, (rs, n) -> new OnCallRole(
                        rs.getString("role_name"), rs.getString("group_name")));
        Map<String, List<Node>> nodes = children(
                "SELECT * FROM inv_node" + childFilter, params, (rs, n) -> new Node(
                        rs.getString("id"), rs.getString("host"), rs.getString("site"),
                        Environment.valueOf(rs.getString("environment")), rs.getString("version")));
        Map<String, List<Component>> components = children(
                "SELECT * FROM inv_component" + childFilter, params, (rs, n) -> new Component(
                        Area.valueOf(rs.getString("area")), rs.getString("name"), rs.getString("version")));
        Map<String, List<Dependency>> dependencies = children(
                "SELECT * FROM inv_dependency" + childFilter, params, (rs, n) -> new Dependency(
                        rs.getString("depends_on_system_id"), rs.getString("description")));
        Map<String, List<ConfigurationItem>> configurationItems = children(
                "SELECT * FROM inv_configuration_item" + childFilter, params, (rs, n) -> new ConfigurationItem(
                        rs.getString("name"), rs.getString("kind"), rs.getString("location"),
                        rs.getString("read_json") == null ? null
                                : InventoryReader.configurationReadFromJson(rs.getString("read_json"))));
        Map<String, List<Release.Requirement>> requirements = children(
                "SELECT * FROM inv_requirement" + childFilter, params,
                rs -> rs.getString("system_id") + "\u0000" + rs.getString("release_version"),
                (rs, n) -> new Release.Requirement(Area.valueOf(rs.getString("area")), rs.getString("component"),
                        rs.getString("minimum_version")));
        Map<String, List<Release>> releases = children(
                "SELECT * FROM inv_release" + childFilter, params, (rs, n) -> new Release(
                        rs.getString("version"), rs.getString("release_notes_url"),
                        rs.getBoolean("mixed_version_supported"),
                        requirements.getOrDefault(rs.getString("system_id") + "\u0000" + rs.getString("version"),
                                List.of())));

        Map<String, Runbook> runbooks = new HashMap<>();
        jdbc.query("SELECT system_id, runbook_json FROM inv_runbook" + childFilter, params, rs -> {
            runbooks.put(rs.getString("system_id"), InventoryReader.runbookFromJson(rs.getString("runbook_json")));
        });

        return jdbc.query("SELECT * FROM inv_system" + systemFilter + " ORDER BY list_index", params, (rs, n) -> {
            String id = rs.getString("id");
            return new InventorySystem(
                    id,
                    rs.getString("name"),
                    rs.getInt("tier"),
                    rs.getString("owner_group"),
                    fromJson(rs.getString("business_services"), STRINGS),
                    peakPeriods.getOrDefault(id, List.of()),
                    fromJson(rs.getString("critical_user_groups"), STRINGS),
                    new Sla(rs.getDouble("sla_availability_percent"), rs.getInt("sla_max_outage_minutes"),
                            rs.getString("sla_support_hours")),
                    fromJson(rs.getString("compliance_tags"), STRINGS),
                    fromJson(rs.getString("notification_list"), STRINGS),
                    onCallRoles.getOrDefault(id, List.of()),
                    nodes.getOrDefault(id, List.of()),
                    components.getOrDefault(id, List.of()),
                    dependencies.getOrDefault(id, List.of()),
                    configurationItems.getOrDefault(id, List.of()),
                    releases.getOrDefault(id, List.of()),
                    runbooks.get(id));
        });
    }

    private <T> Map<String, List<T>> children(String sql, MapSqlParameterSource params, RowMapper<T> mapper) {
        return children(sql, params, rs -> rs.getString("system_id"), mapper);
    }

    /** Child rows grouped by {@code key}, each group in list order. */
    private <T> Map<String, List<T>> children(String sql, MapSqlParameterSource params, RowKey key,
                                              RowMapper<T> mapper) {
        Map<String, List<T>> grouped = new HashMap<>();
        jdbc.query(sql + " ORDER BY list_index", params, rs -> {
            grouped.computeIfAbsent(key.of(rs), k -> new ArrayList<>()).add(mapper.mapRow(rs, rs.getRow()));
        });
        grouped.replaceAll((k, list) -> List.copyOf(list));
        return grouped;
    }

    @FunctionalInterface
    private interface RowKey {
        String of(ResultSet rs) throws SQLException;
    }

    private <T> void addRows(List<MapSqlParameterSource> rows, String systemId, List<T> items,
                             BiFunction<MapSqlParameterSource, T, MapSqlParameterSource> values) {
        for (int i = 0; i < items.size(); i++) {
            rows.add(values.apply(new MapSqlParameterSource().addValue("systemId", systemId).addValue("listIndex", i),
                    items.get(i)));
        }
    }

    private void insert(String sql, List<MapSqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows.toArray(MapSqlParameterSource[]::new));
        }
    }

    private static String toJson(List<?> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + values + " as JSON", e);
        }
    }

    private static <T> List<T> fromJson(String json, TypeReference<List<T>> type) {
        try {
            return List.copyOf(JSON.readValue(json, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Inventory table holds malformed JSON: " + json, e);
        }
    }
}
