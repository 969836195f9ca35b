package io.upgradeorchestrator.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A system as the inventory declares it: what it is, who owns it, what depends on it, where it runs
 * and what it is built from. Immutable; read from YAML at start and stored in the application's tables.
 */
public record InventorySystem(
        String id,
        String name,
        /* 1 = most critical (emergency response, payments) … 4 = ordinary office tool */
        int tier,
        String ownerGroup,
        List<String> businessServices,
        List<PeakPeriod> peakPeriods,
        List<String> criticalUserGroups,
        Sla sla,
        List<String> complianceTags,
        List<String> notificationList,
        List<OnCallRole> onCallRoles,
        List<Node> nodes,
        List<Component> components,
        List<Dependency> dependencies,
        List<ConfigurationItem> configurationItems,
        List<Release> releases,
        /* may be null for a system nobody has written a runbook for: it cannot be rehearsed or upgraded */
        Runbook runbook) {

    /**
     * Who is affected by a change of this system: the notification lists of this system and of the systems that
     * depend on it, each address once (compared without case), in that order. Empty when the inventory names nobody.
     */
    public List<String> affectedUsers(List<InventorySystem> dependents) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> addresses = new ArrayList<>();
        List<InventorySystem> systems = new ArrayList<>();
        systems.add(this);
        systems.addAll(dependents);
        for (InventorySystem system : systems) {
            for (String address : system.notificationList()) {
                if (seen.add(address.strip().toLowerCase(Locale.ROOT))) {
                    addresses.add(address.strip());
                }
            }
        }
        return addresses;
    }

    public List<Node> nodesIn(Environment environment) {
        return nodes.stream().filter(node -> node.environment() == environment).toList();
    }

    /** The distinct versions running on production nodes, oldest first. */
    public List<String> productionVersions() {
        return nodesIn(Environment.PRODUCTION).stream().map(Node::version).distinct()
                .sorted(VersionComparator.INSTANCE).toList();
    }

    /** Production nodes run different versions: upgrade sequencing and tests must account for each of them. */
    public boolean hasVersionDrift() {
        return productionVersions().size() > 1;
    }
}
