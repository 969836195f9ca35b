package io.upgradeorchestrator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Zones and topics: what a worker of some zones fetches, and which zone a site is. */
class WorkerPropertiesTest {

    @Test
    void shouldFetchEachTopicPerZoneForAWorkerOfSomeZones() {
        WorkerProperties remote = properties(List.of(StepTopics.UPGRADE, StepTopics.HEALTH), List.of("frankfurt", "new-york"));

        assertThat(remote.fetchedTopics()).containsExactly("runbook.upgrade.frankfurt", "runbook.upgrade.new-york",
                "runbook.health.frankfurt", "runbook.health.new-york");
        assertThat(properties(null, null).fetchedTopics()).isEqualTo(StepTopics.ALL);
        assertThat(StepTopics.plain("runbook.upgrade.new-york")).isEqualTo(StepTopics.UPGRADE);
    }

    @Test
    void shouldNameTheZoneOfASiteAndRefuseWhatIsNotAZone() {
        assertThat(StepInput.zoneOf("New York")).isEqualTo("new-york");
        assertThat(StepInput.zoneOf(" Frankfurt ")).isEqualTo("frankfurt");
        assertThat(StepInput.zoneOf("")).isNull();
        assertThatThrownBy(() -> properties(null, List.of("Frankfurt")))
                .hasMessageContaining("'Frankfurt' is not a zone");
        assertThatThrownBy(() -> properties(List.of("runbook.upgrade.fra"), null))
                .hasMessageContaining("unknown topic 'runbook.upgrade.fra'");
    }

    private static WorkerProperties properties(List<String> topics, List<String> zones) {
        return new WorkerProperties(true, "w", 10, Duration.ofMinutes(2), Duration.ofSeconds(20),
                Duration.ofMillis(100), 100, 3, Duration.ofMinutes(5), topics, zones, null);
    }
}
