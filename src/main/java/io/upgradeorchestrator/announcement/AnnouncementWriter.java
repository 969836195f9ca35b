package io.upgradeorchestrator.announcement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.upgradeorchestrator.inventory.Dependency;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventorySystem;

/**
 * Writes the announcement of an upgrade from the inventory and the upgrade's facts: the system's notification
 * list and those of every system that depends on it receive it; the impact names the business services that stop
 * or are limited; a staged rollout over several nodes means short interruptions instead of a full outage.
 */
public final class AnnouncementWriter {

    private AnnouncementWriter() {
    }

    /**
     * @param system     the system being upgraded
     * @param dependents the systems that depend on it
     * @param facts      the upgrade's facts
     * @param contacts   whom users may ask, each a group with its members' addresses, in order of preference
     */
    public static Announcement write(InventorySystem system, List<InventorySystem> dependents, UpgradeFacts facts,
                                     Map<String, List<String>> contacts) {
        List<String> recipients = system.affectedUsers(dependents);
        if (recipients.isEmpty()) {
            throw new IllegalStateException("Nobody to announce the upgrade of " + system.id() + " to: the inventory"
                    + " gives no notificationList for it or the systems that depend on it");
        }

        boolean rolling = facts.stagedRollout() && system.nodesIn(Environment.PRODUCTION).size() > 1;
        String services = String.join(", ", system.businessServices());
        List<String> impact = new ArrayList<>();
        impact.add(system.name() + " is upgraded " + versions(facts) + ".");
        impact.add(rolling
                ? system.name() + " (" + services + ") stays up but with short interruptions: its servers are"
                + " upgraded a few at a time."
                : system.name() + " (" + services + ") is unavailable for the whole window.");
        for (InventorySystem dependent : dependents) {
            String how = dependent.dependencies().stream().filter(d -> d.systemId().equals(system.id()))
                    .map(Dependency::description).findFirst().orElse("depends on it");
            impact.add(dependent.name() + " (" + String.join(", ", dependent.businessServices())
                    + ") may not work or may be slow: it depends on " + system.name() + " (" + how + ").");
        }
        if (facts.windowEnd() != null) {
            impact.add("Service is expected to be fully back by " + facts.windowEnd() + ".");
        }

        List<String> limitations = new ArrayList<>();
        if (rolling) {
            limitations.add("Open sessions may end when the server you use is switched: save often and log in"
                    + " again if asked.");
        } else {
            limitations.add("No access to " + system.name() + " during the window.");
        }
        if (facts.dataMigration()) {
            limitations.add("Stored data is converted to the new version: " + system.name()
                    + " accepts no changes until the work is done.");
        }
        if (facts.releaseNotesUrl() != null && !facts.releaseNotesUrl().isBlank()) {
            limitations.add("After the upgrade some screens or functions may change: see " + facts.releaseNotesUrl());
        }

        List<String> avoid = new ArrayList<>();
        List<String> affectedNames = concat(system, dependents).stream().map(InventorySystem::name).toList();
        avoid.add("Entering or changing data in " + String.join(" or ", affectedNames)
                + " during the window: save your work and log off before " + facts.windowStart() + ".");
        avoid.add("Starting reports, exports or batch jobs that would still run when the window starts.");
        avoid.add("Reporting outages of these systems during the window as new incidents: they are expected.");

        List<String> contact = new ArrayList<>();
        contacts.forEach((group, addresses) -> {
            if (!addresses.isEmpty()) {
                String who = group.equals(system.ownerGroup()) ? "System owner"
                        : Character.toUpperCase(group.charAt(0)) + group.substring(1).replace('-', ' ');
                contact.add(who + " (" + group + "): " + String.join(", ", addresses));
            }
        });

        String summary = "Maintenance: " + system.name() + " upgrade to " + facts.targetVersion() + " ("
                + facts.upgradeId() + ")";
        return new Announcement(List.copyOf(recipients), summary, impact, limitations, avoid, contact);
    }

    /** "from version 8.2.0 to 8.2.1", or only the target where the current version is not known. */
    static String versions(UpgradeFacts facts) {
        return (facts.currentVersion() == null ? "" : "from version " + facts.currentVersion() + " ")
                + "to version " + facts.targetVersion();
    }

    /** The groups to name as contacts: the owner group first, then the configured ones, without repeats. */
    public static List<String> contactGroups(InventorySystem system, List<String> configured) {
        Map<String, Boolean> groups = new LinkedHashMap<>();
        groups.put(system.ownerGroup(), true);
        configured.forEach(group -> groups.put(group, true));
        return List.copyOf(groups.keySet());
    }

    private static List<InventorySystem> concat(InventorySystem system, List<InventorySystem> dependents) {
        List<InventorySystem> all = new ArrayList<>();
        all.add(system);
        all.addAll(dependents);
        return all;
    }

    /**
     * The facts of the upgrade the announcement needs. Window times are already written for people.
     *
     * @param currentVersion what the production nodes run ("15.5, 15.6" where they drifted); may be {@code null}
     */
    public record UpgradeFacts(String upgradeId, String currentVersion, String targetVersion, String windowStart,
                               String windowEnd, boolean stagedRollout, boolean dataMigration,
                               String releaseNotesUrl) {

        public UpgradeFacts {
            java.util.Objects.requireNonNull(targetVersion, "targetVersion: the announcement names it");
        }
    }
}
