package io.upgradeorchestrator.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.upgradeorchestrator.inventory.Area;
import io.upgradeorchestrator.inventory.Component;
import io.upgradeorchestrator.inventory.InventorySystem;
import io.upgradeorchestrator.inventory.Release;

/** A requirement "at least X" read in the product's one version order: a pre-release of X does not meet it. */
class CompatibilityFactsTest {

    @ParameterizedTest(name = "{0} meets ''at least {1}'': {2}")
    @CsvSource({
            "2.4.0-rc1, 2.4.0, false",
            "2.4.0, 2.4.0, true",
            "2.4.1, 2.4.0, true",
            "16.0-beta, 16.0, false",
            "1.0.0-SNAPSHOT, 1.0.0, false",
            "15.10, 15.5, true",
            "8.2.1-hotfix2, 8.2.1, true",
            "2024.03, 2024.3, true"})
    void aComponentMeetsARequirementOnlyAtTheReleaseOrLater(String installed, String minimum, boolean met) {
        InventorySystem system = system(new Component(Area.DATABASE, "PostgreSQL driver", installed),
                new Release("5.0", null, false, List.of(new Release.Requirement(Area.DATABASE, "PostgreSQL driver",
                        minimum))));

        AreaFacts database = CompatibilityFacts.of(system, "5.0.0", false).stream()
                .filter(facts -> facts.area() == Area.DATABASE).findFirst().orElseThrow();

        assertThat(database.releaseKnown()).as("5.0.0 is the catalogue's 5.0").isTrue();
        assertThat(database.versionSatisfied()).isEqualTo(met);
    }

    private static InventorySystem system(Component component, Release release) {
        return new InventorySystem("app", "App", 2, "app-owners", List.of(), List.of(), List.of(), null, List.of(),
                List.of(), List.of(), List.of(), List.of(component), List.of(), List.of(), List.of(release), null);
    }
}
