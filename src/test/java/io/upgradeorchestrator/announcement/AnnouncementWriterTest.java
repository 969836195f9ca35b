package io.upgradeorchestrator.announcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.upgradeorchestrator.inventory.Dependency;
import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Node;

class AnnouncementWriterTest {

    private static final AnnouncementWriter.UpgradeFacts FACTS = new AnnouncementWriter.UpgradeFacts("UPG-2026-0007",
            "1.2", "1.3", "Sat 13 Jun 2026, 06:00 UTC", "Sat 13 Jun 2026, 14:00 UTC", false, true, null);

    private final InventorySystem wiki = system("wiki", "Team wiki", List.of("Docs@Example.org", "all@example.org"),
            List.of(), 1);
    private final InventorySystem search = system("search", "Intranet search", List.of("docs@example.org"),
            List.of(new Dependency("wiki", "indexes every page")), 2);

    @Test
    void reachesTheDependentsUsersOnceEach() {
        Announcement announcement = AnnouncementWriter.write(wiki, List.of(search), FACTS, Map.of());

        assertThat(announcement.recipients()).containsExactly("Docs@Example.org", "all@example.org");
        assertThat(announcement.summary()).isEqualTo("Maintenance: Team wiki upgrade to 1.3 (UPG-2026-0007)");
    }

    @Test
    void aFullOutageWithADataMigrationSaysSo() {
        Announcement announcement = AnnouncementWriter.write(wiki, List.of(search), FACTS, Map.of());

        assertThat(announcement.expectedImpact()).containsExactly(
                "Team wiki is upgraded from version 1.2 to version 1.3.",
                "Team wiki (Pages) is unavailable for the whole window.",
                "Intranet search (Pages) may not work or may be slow: it depends on Team wiki (indexes every page).",
                "Service is expected to be fully back by Sat 13 Jun 2026, 14:00 UTC.");
        assertThat(announcement.limitations()).containsExactly("No access to Team wiki during the window.",
                "Stored data is converted to the new version: Team wiki accepts no changes until the work is done.");
        assertThat(announcement.avoid().get(0)).isEqualTo("Entering or changing data in Team wiki or Intranet search"
                + " during the window: save your work and log off before Sat 13 Jun 2026, 06:00 UTC.");
    }

    @Test
    void aStagedRolloutOverSeveralNodesMeansShortInterruptions() {
        AnnouncementWriter.UpgradeFacts staged = new AnnouncementWriter.UpgradeFacts("UPG-2026-0008",
                null, "2.4.0", "Sat 13 Jun 2026, 06:00 UTC", null, true, false, "https://example.org/notes");

        Announcement several = AnnouncementWriter.write(search, List.of(), staged, Map.of());
        assertThat(several.expectedImpact()).containsExactly(
                "Intranet search is upgraded to version 2.4.0.",
                "Intranet search (Pages) stays up but with short interruptions: its servers are upgraded a few at a time.");
        assertThat(several.limitations()).containsExactly("Open sessions may end when the server you use is switched:"
                + " save often and log in again if asked.",
                "After the upgrade some screens or functions may change: see https://example.org/notes");
        // One node cannot be upgraded "a few at a time".
        assertThat(AnnouncementWriter.write(wiki, List.of(), staged, Map.of()).expectedImpact().get(1))
                .endsWith("is unavailable for the whole window.");
    }

    @Test
    void namesTheOwnerFirstThenTheConfiguredContacts() {
        assertThat(AnnouncementWriter.contactGroups(wiki, List.of("operations", "wiki-owners", "service-desk")))
                .containsExactly("wiki-owners", "operations", "service-desk");
        Map<String, List<String>> contacts = new LinkedHashMap<>();
        contacts.put("wiki-owners", List.of("olga@example.org"));
        contacts.put("operations", List.of("oscar@example.org", "otto@example.org"));
        contacts.put("service-desk", List.of());

        Announcement announcement = AnnouncementWriter.write(wiki, List.of(), FACTS, contacts);

        assertThat(announcement.contact()).containsExactly("System owner (wiki-owners): olga@example.org",
                "Operations (operations): oscar@example.org, otto@example.org");
        assertThat(announcement.description()).contains("Team wiki (Pages) is unavailable", "Limitations:\n- No access",
                "Please avoid:\n- Entering", "Questions:\n- System owner (wiki-owners): olga@example.org");
    }

    @Test
    void refusesToAnnounceToNobody() {
        InventorySystem silent = system("silent", "Silent box", List.of(), List.of(), 1);

        assertThatThrownBy(() -> AnnouncementWriter.write(silent, List.of(), FACTS, Map.of()))
                .hasMessageContaining("Nobody to announce the upgrade of silent to");
    }

    private static InventorySystem system(String id, String name, List<String> notificationList,
                                          List<Dependency> dependencies, int productionNodes) {
        List<Node> nodes = java.util.stream.IntStream.rangeClosed(1, productionNodes)
                .mapToObj(i -> new Node(id + "-" + i, id + "-" + i + ".example.org", "Frankfurt", Environment.PRODUCTION,
                        "1.0"))
                .toList();
        return new InventorySystem(id, name, 3, id + "-owners", List.of("Pages"), List.of(), List.of(), null, List.of(),
                notificationList, List.of(), nodes, List.of(), dependencies, List.of(), List.of(), null);
    }
}
