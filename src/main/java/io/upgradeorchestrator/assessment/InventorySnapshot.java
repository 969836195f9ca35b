package io.upgradeorchestrator.assessment;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.PeakPeriod;

/**
 * What the inventory knows about a system at assessment time, as facts people and decisions read. Knows
 * nothing of the engine.
 */
record InventorySnapshot(
        int tier,
        String tierLabel,
        String ownerGroup,
        String businessServices,
        String peakPeriods,
        String criticalUserGroups,
        String slaSummary,
        String complianceTags,
        String onCallRoles,
        String nodeSummary,
        int productionNodeCount,
        boolean versionDrift,
        String driftSummary,
        String componentSummary,
        String dependsOn,
        String dependents,
        String configurationItems) {

    static InventorySnapshot of(InventorySystem system, List<InventorySystem> dependentSystems) {
        List<Node> production = system.nodesIn(Environment.PRODUCTION);
        return new InventorySnapshot(
                system.tier(),
                tierLabel(system.tier()),
                system.ownerGroup(),
                joinOrNone(system.businessServices()),
                system.peakPeriods().isEmpty() ? "none declared"
                        : system.peakPeriods().stream().map(InventorySnapshot::describe).collect(Collectors.joining("; ")),
                joinOrNone(system.criticalUserGroups()),
                system.sla() == null ? "no SLA declared" : system.sla().availabilityPercent() + "% availability, at most "
                        + system.sla().maxOutageMinutes() + " min outage, support " + system.sla().supportHours(),
                joinOrNone(system.complianceTags()),
                system.onCallRoles().isEmpty() ? "none declared" : system.onCallRoles().stream()
                        .map(role -> role.role() + " (" + role.group() + ")").collect(Collectors.joining(", ")),
                system.nodes().stream().sorted(Comparator.comparing(Node::environment).thenComparing(Node::id))
                        .map(node -> node.id() + " at " + node.site() + " (" + node.environment().name().toLowerCase()
                                + ") runs " + node.version())
                        .collect(Collectors.joining("\n")),
                production.size(),
                distinctVersions(production).size() > 1,
                driftSummary(system),
                system.components().stream().map(c -> c.area().label() + ": " + c.name() + " " + c.version())
                        .collect(Collectors.joining("\n")),
                system.dependencies().isEmpty() ? "nothing in the inventory" : system.dependencies().stream()
                        .map(d -> d.systemId() + " (" + d.description() + ")").collect(Collectors.joining(", ")),
                dependentSystems.isEmpty() ? "no other system" : dependentSystems.stream()
                        .map(s -> s.name() + " (" + s.id() + ", tier " + s.tier() + ")").collect(Collectors.joining(", ")),
                system.configurationItems().isEmpty() ? "none declared" : system.configurationItems().stream()
                        .map(ci -> ci.name() + " [" + ci.kind() + "] " + ci.location()).collect(Collectors.joining("\n")));
    }

    /**
     * States drift between production nodes (they are sequenced by version, oldest first) and between the
     * test/pilot nodes and production (a rehearsal on another version proves less).
     */
    static String driftSummary(InventorySystem system) {
        List<Node> production = system.nodesIn(Environment.PRODUCTION);
        Map<String, List<Node>> byVersion = distinctVersions(production);
        StringBuilder summary = new StringBuilder();
        if (byVersion.size() > 1) {
            summary.append("Production nodes run different versions: ")
                    .append(byVersion.entrySet().stream().map(e -> e.getKey() + " on " + e.getValue().stream()
                            .map(n -> n.id() + " (" + n.site() + ")").collect(Collectors.joining(", ")))
                            .collect(Collectors.joining("; ")))
                    .append(". Each version needs its own upgrade path; test both.");
        } else {
            summary.append("No drift: all ").append(production.size()).append(" production nodes run ")
                    .append(byVersion.isEmpty() ? "nothing" : byVersion.keySet().iterator().next()).append('.');
        }
        List<Node> nonProductionOff = system.nodes().stream()
                .filter(node -> node.environment() != Environment.PRODUCTION && !byVersion.containsKey(node.version()))
                .toList();
        if (!nonProductionOff.isEmpty()) {
            summary.append(" Not like production: ").append(nonProductionOff.stream()
                    .map(n -> n.id() + " (" + n.environment().name().toLowerCase() + ") runs " + n.version())
                    .collect(Collectors.joining(", "))).append('.');
        }
        return summary.toString();
    }

    private static Map<String, List<Node>> distinctVersions(List<Node> nodes) {
        return nodes.stream().collect(Collectors.groupingBy(Node::version, TreeMap::new, Collectors.toList()));
    }

    private static String describe(PeakPeriod period) {
        StringBuilder text = new StringBuilder(period.name()).append(": ");
        if (!period.daysOfWeek().isEmpty()) {
            text.append(period.daysOfWeek().stream().map(d -> d.name().substring(0, 3).toLowerCase())
                    .collect(Collectors.joining(","))).append(' ');
        }
        if (!period.daysOfMonth().isEmpty()) {
            text.append("days ").append(period.daysOfMonth().stream().map(String::valueOf)
                    .collect(Collectors.joining(","))).append(' ');
        }
        return text.append(period.start()).append('–').append(period.end()).append(' ').append(period.zone()).toString();
    }

    static String tierLabel(int tier) {
        return switch (tier) {
            case 1 -> "Tier 1 — mission critical";
            case 2 -> "Tier 2 — business critical";
            case 3 -> "Tier 3 — business operational";
            default -> "Tier " + tier + " — ordinary tool";
        };
    }

    private static String joinOrNone(List<String> values) {
        return values == null || values.isEmpty() ? "none declared" : String.join(", ", values);
    }
}
