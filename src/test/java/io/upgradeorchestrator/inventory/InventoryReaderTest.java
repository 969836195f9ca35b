package io.upgradeorchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;

class InventoryReaderTest {

    private final InventoryReader reader = new InventoryReader();

    static List<InventorySystem> demoInventory() {
        return new InventoryReader().read("inventory", InventoryFiles.find("inventory", new DefaultResourceLoader()));
    }

    @Test
    void readsTheDemoInventory() {
        List<InventorySystem> systems = demoInventory();

        assertThat(systems).extracting(InventorySystem::id)
                .containsExactly("billing-db", "billing-portal", "finance-reports");
        assertThat(systems).extracting(InventorySystem::tier).containsExactly(1, 2, 3);

        InventorySystem db = systems.get(0);
        assertThat(db.ownerGroup()).isEqualTo("billing-owners");
        assertThat(db.productionVersions()).containsExactly("15.5", "15.6");
        assertThat(db.hasVersionDrift()).isTrue();
        assertThat(db.nodesIn(Environment.PRODUCTION)).extracting(Node::site).containsExactly("Frankfurt", "Berlin");
        assertThat(db.nodesIn(Environment.TEST)).hasSize(1);
        assertThat(db.nodesIn(Environment.PILOT)).hasSize(1);
        assertThat(db.components()).extracting(Component::area).contains(Area.values());
        assertThat(db.onCallRoles()).extracting(OnCallRole::group)
                .contains("dba", "operations", "security", "billing-owners");
        assertThat(db.notificationList()).allMatch(address -> address.endsWith("@example.org"));
        assertThat(db.peakPeriods().get(0).zone()).isEqualTo("Europe/Berlin");
        assertThat(db.sla().availabilityPercent()).isEqualTo(99.95);
        assertThat(db.releases()).extracting(Release::version).containsExactly("16.4", "15.7");
        Release major = db.releases().get(0);
        assertThat(major.mixedVersionSupported()).isFalse();
        assertThat(major.requirements()).extracting(Release.Requirement::area).doesNotContain(Area.NETWORK_SECURITY);
        assertThat(major.requirements()).allMatch(requirement -> meets(db, requirement));

        InventorySystem portal = systems.get(1);
        assertThat(portal.dependencies()).extracting(Dependency::systemId).containsExactly("billing-db");
        assertThat(portal.nodesIn(Environment.PRODUCTION)).hasSize(3);
        assertThat(portal.hasVersionDrift()).isFalse();
        Release unsupported = portal.releases().stream().filter(r -> r.version().equals("5.0.0")).findFirst()
                .orElseThrow();
        assertThat(unsupported.requirements()).anyMatch(requirement -> !meets(portal, requirement));

        InventorySystem reports = systems.get(2);
        assertThat(reports.ownerGroup()).isEqualTo("reporting-owners");
        assertThat(reports.dependencies()).extracting(Dependency::systemId).containsExactly("billing-db");
    }

    private static boolean meets(InventorySystem system, Release.Requirement requirement) {
        return system.components().stream().anyMatch(component -> component.area() == requirement.area()
                && component.name().equals(requirement.component())
                && VersionComparator.isAtLeast(component.version(), requirement.minimumVersion()));
    }

    @Test
    void readsAllFilesOfAClasspathFolderInNameOrder() {
        List<InventorySystem> systems = reader.read("test",
                InventoryFiles.find("classpath:inventory-test/", new DefaultResourceLoader()));

        assertThat(systems).extracting(InventorySystem::id).containsExactly("core-db", "core-api", "order-reports");
        InventorySystem db = systems.get(0);
        assertThat(db.nodes().get(0).version()).isEqualTo("15.10");
        PeakPeriod evening = db.peakPeriods().get(1);
        assertThat(evening.daysOfWeek()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(evening.start()).isEqualTo(LocalTime.of(18, 30));
        assertThat(db.releases().get(1)).isEqualTo(new Release("15.11", null, false, List.of()));
        InventorySystem reports = systems.get(2);
        assertThat(reports.dependencies()).containsExactly(new Dependency("core-db", ""),
                new Dependency("core-api", "Calls the order search"));
        assertThat(reports.businessServices()).isEmpty();
        assertThat(reports.sla()).isEqualTo(new Sla(98, 480, "Mon-Fri 08:00-17:00"));
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("missing-field",
                        "systems[0] (billing-db): field 'ownerGroup' is missing"),
                Arguments.of("wrong-type",
                        "systems[0] (billing-db): field 'tier' must be a whole number, got 'high'"),
                Arguments.of("wrong-enum",
                        "systems[0].nodes[0] (db-1): field 'environment' has invalid value 'PROD'; "
                                + "allowed values: PRODUCTION, TEST, PILOT"),
                Arguments.of("wrong-area",
                        "systems[0].releases[0].requirements[0] (Debian): field 'area' has invalid value 'OS'; "
                                + "allowed values: APPLICATION, DATABASE, OPERATING_SYSTEM, NETWORK_SECURITY, "
                                + "ENDPOINTS_CLIENTS"),
                Arguments.of("tier-out-of-range",
                        "systems[0] (billing-db): field 'tier' must be between 1 and 4, got 7"),
                Arguments.of("duplicate-node",
                        "systems[0].nodes[1] (db-1): field 'id': duplicate node id 'db-1', already declared at "
                                + "duplicate-node.yaml: systems[0].nodes[0] (db-1)"),
                Arguments.of("unknown-dependency",
                        "systems[0].dependencies[0] (no-such-system): field 'systemId': unknown system "
                                + "'no-such-system'; declared systems: billing-db"),
                Arguments.of("self-dependency",
                        "systems[0].dependencies[0] (billing-db): field 'systemId': system 'billing-db' cannot "
                                + "depend on itself"),
                Arguments.of("no-production-node",
                        "systems[0] (billing-db): field 'nodes' has no node with environment PRODUCTION"),
                Arguments.of("missing-nodes",
                        "systems[0] (billing-db): field 'nodes' is missing"),
                Arguments.of("invalid-email",
                        "systems[0] (billing-db): field 'notificationList[1]' is not a valid e-mail address, "
                                + "got 'billing-users.example.org'"),
                Arguments.of("invalid-zone",
                        "systems[0].peakPeriods[0] (Month-end close): field 'zone' is not a known time zone: "
                                + "'Europe/Berln'"),
                Arguments.of("malformed-time",
                        "systems[0].peakPeriods[0] (Month-end close): field 'start' must be a time of day as "
                                + "\"HH:mm\""),
                Arguments.of("unknown-key",
                        "systems[0] (billing-db): unknown field 'owner'; allowed fields: id, name, tier, "
                                + "ownerGroup,"),
                Arguments.of("invalid-version",
                        "systems[0].nodes[0] (db-1): field 'version' must be a version of 1 to 64 letters, digits, "
                                + "'.', '_', '+', '~' or '-', starting with a letter or digit (e.g. 16.4 or 3.2.1-lts), "
                                + "got '15.5; rm -rf /'"),
                Arguments.of("invalid-release-version",
                        "systems[0].releases[0].requirements[0] (PostgreSQL): field 'minimumVersion' must be a "
                                + "version of"),
                Arguments.of("invalid-host",
                        "systems[0].nodes[0] (db-1): field 'host' must be a host name (letters, digits, '-' and '.') "
                                + "or an IP address, got 'db-1.example.org -oProxyCommand=id'"),
                Arguments.of("invalid-node-id",
                        "systems[0].nodes[0] (../../db-1): field 'id' must be 1 to 100 letters, digits, '.', '_' or "
                                + "'-' and start with a letter or digit, got '../../db-1'"),
                Arguments.of("not-yaml", "is not valid YAML at line 5, column 15: while parsing a flow sequence, "
                        + "expected ',' or ']', but got :"),
                Arguments.of("duplicate-key", "is not valid YAML at line 5, column "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void namesFileEntryAndFieldOfEachError(String file, String expected) {
        var resource = new ClassPathResource("inventory-test-invalid/" + file + ".yaml");

        InventoryValidationException e = assertThrows(InventoryValidationException.class,
                () -> reader.read("classpath:inventory-test-invalid/", List.of(resource)));

        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0)).startsWith(file + ".yaml: ").contains(expected);
        assertThat(e.getMessage()).startsWith("Inventory at 'classpath:inventory-test-invalid/' is invalid (1 error):")
                .contains(e.errors().get(0));
    }

    @Test
    void rejectsTheSameSystemIdInTwoFiles() {
        assertThatThrownBy(() -> reader.read("dup",
                InventoryFiles.find("classpath:inventory-test-duplicate", new DefaultResourceLoader())))
                .isInstanceOf(InventoryValidationException.class)
                .extracting(e -> ((InventoryValidationException) e).errors())
                .isEqualTo(List.of("b.yaml: systems[0] (billing-db): field 'id': duplicate system id 'billing-db', "
                        + "already declared at a.yaml: systems[0] (billing-db)"));
    }

    @Test
    void reportsTheErrorsOfAllFilesAtOnce() {
        InventoryValidationException e = assertThrows(InventoryValidationException.class, () -> reader.read(
                "all", InventoryFiles.find("classpath:inventory-test-invalid/", new DefaultResourceLoader())));

        List<String> files = invalidFiles().map(arguments -> arguments.get()[0] + ".yaml: ").toList();
        for (String file : files) {
            assertThat(e.errors()).anyMatch(error -> error.startsWith(file));
        }
        assertThat(e.getMessage()).contains("is invalid (" + e.errors().size() + " errors):");
        assertThat(e.errors()).isSortedAccordingTo(Comparator.comparing(error -> error.split(": ")[0]));
        assertThat(e.errors()).noneMatch(error -> error.contains("\n"));
    }

    @Test
    void reportsTheMistakesOfOneEntryTogether() {
        var yaml = """
                systems:
                  - id: x
                    tier: 0
                    sla: 12
                    nodes: []
                """;
        var resource = new org.springframework.core.io.ByteArrayResource(yaml.getBytes()) {
            @Override
            public String getFilename() {
                return "several.yaml";
            }
        };

        InventoryValidationException e = assertThrows(InventoryValidationException.class,
                () -> reader.read("inline", List.of(resource)));

        // In the schema validator's order, which is not the file's.
        assertThat(e.errors()).containsExactlyInAnyOrder(
                "several.yaml: systems[0] (x): field 'name' is missing",
                "several.yaml: systems[0] (x): field 'tier' must be between 1 and 4, got 0",
                "several.yaml: systems[0] (x): field 'ownerGroup' is missing",
                "several.yaml: systems[0] (x): field 'sla' must be a mapping of fields, got 12",
                "several.yaml: systems[0] (x): field 'nodes' has no node with environment PRODUCTION; "
                        + "a system needs at least one");
    }
}
