package io.upgradeorchestrator.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.upgradeorchestrator.inventory.Runbook;

class WindowPlannerTest {

    private static final WindowProperties.Defaults DEFAULTS = new WindowProperties.Defaults(Duration.ofMinutes(30),
            Duration.ofMinutes(30), Duration.ofMinutes(45), Duration.ofMinutes(30), Duration.ofMinutes(30),
            Duration.ofMinutes(15), Duration.ofHours(1));

    private final WindowPlanner planner = new WindowPlanner(DEFAULTS);

    @Test
    void withoutRunbookEveryPartComesFromTheDefaults() {
        WindowPlan plan = planner.plan(null, new Rollout(1, 1, 2, true), null, null);

        assertThat(plan.parts()).extracting(WindowPart::name).containsExactly("Preparation", "Final backup",
                "Execution", "Verification", "Repair buffer", "Rollback decision", "Rollback");
        assertThat(plan.total()).isEqualTo(Duration.ofMinutes(30 + 30 + 45 + 30 + 30 + 15 + 60));
        assertThat(plan.totalMinutes()).isEqualTo(240);
        assertThat(plan.rollback()).isEqualTo(Duration.ofHours(1));
        assertThat(plan.parts()).allSatisfy(part -> assertThat(part.basis()).contains("default estimate"));
    }

    @Test
    void usesTheRunbookEstimates() {
        WindowPlan plan = planner.plan(runbook(), new Rollout(1, 0, 1, false), null, null);

        assertThat(part(plan, "Preparation").duration()).isEqualTo(Duration.ofMinutes(20));
        assertThat(part(plan, "Final backup").duration()).isEqualTo(Duration.ofMinutes(25 + 5));
        assertThat(part(plan, "Final backup").basis()).isEqualTo("runbook estimates: backup 25 min + verify 5 min");
        assertThat(part(plan, "Execution").duration()).isEqualTo(Duration.ofMinutes(60));
        assertThat(part(plan, "Verification").duration()).isEqualTo(Duration.ofMinutes(40));
        assertThat(part(plan, "Repair buffer").duration()).isEqualTo(Duration.ofMinutes(50));
        assertThat(part(plan, "Rollback decision").duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(part(plan, "Rollback").duration()).isEqualTo(Duration.ofHours(3));
        assertThat(part(plan, "Rollback").basis()).contains("runbook estimate");
    }

    @Test
    void theSeedsExampleAnHourToUpgradeButThreeToRollBackNeedsMoreThanFourHours() {
        WindowPlan plan = planner.plan(runbook(), new Rollout(1, 0, 1, false), null, null);

        assertThat(plan.total()).isEqualTo(Duration.ofMinutes(20 + 30 + 60 + 40 + 50 + 10 + 180));
        assertThat(plan.readable()).contains("Execution: 1 h (1 wave of 1 node; 1 wave × 1 h, runbook estimate)",
                "Rollback: 3 h (all nodes together; runbook estimate)", "Required window: 6 h 30 min");
    }

    @Test
    void aSlowerRehearsalReplacesTheRunbookEstimatePerWave() {
        WindowPlan plan = planner.plan(runbook(), new Rollout(4, 1, 2, true), Duration.ofMinutes(95),
                Duration.ofMinutes(200));

        WindowPart execution = part(plan, "Execution");
        assertThat(execution.duration()).isEqualTo(Duration.ofMinutes(95 * 3));
        assertThat(execution.basis()).isEqualTo("canary wave of 1 node, then 2 waves of at most 2 of the remaining"
                + " 3 nodes; 3 waves × 1 h 35 min, measured in the rehearsal; the runbook estimate was 1 h");
        assertThat(part(plan, "Rollback").duration()).isEqualTo(Duration.ofMinutes(200));
        assertThat(plan.rollback()).isEqualTo(Duration.ofMinutes(200));
    }

    @Test
    void aFasterRehearsalKeepsTheRunbookEstimate() {
        WindowPlan plan = planner.plan(runbook(), new Rollout(1, 0, 1, false), Duration.ofMinutes(10),
                Duration.ofMinutes(30));

        assertThat(part(plan, "Execution").duration()).isEqualTo(Duration.ofHours(1));
        assertThat(part(plan, "Execution").basis()).endsWith("runbook estimate; the rehearsal took 10 min");
        assertThat(part(plan, "Rollback").duration()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void aRehearsalWithoutRunbookStillCountsWhenLonger() {
        WindowPlan plan = planner.plan(null, new Rollout(2, 0, 2, false), Duration.ofMinutes(50), null);

        assertThat(part(plan, "Execution").duration()).isEqualTo(Duration.ofMinutes(50));
        assertThat(part(plan, "Execution").basis()).contains("measured in the rehearsal; the default estimate was 45 min");
    }

    @Test
    void aRunbookWithoutEstimatesFallsBackPartByPart() {
        Runbook partial = new Runbook(false, null, null, null, null, new Runbook.Step(null, Duration.ofMinutes(15)),
                new Runbook.Step(null, null), null, List.of(), List.of(), List.of(), null);

        WindowPlan plan = planner.plan(partial, new Rollout(1, 0, 1, false), null, null);

        assertThat(part(plan, "Preparation").duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(part(plan, "Final backup").duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(part(plan, "Execution").duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(part(plan, "Rollback").duration()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void countsWaves() {
        assertThat(new Rollout(1, 1, 2, true).waves()).isEqualTo(1);
        assertThat(new Rollout(1, 1, 2, true).describe()).isEqualTo("canary wave of 1 node");
        assertThat(new Rollout(5, 1, 2, true).waves()).isEqualTo(3);
        assertThat(new Rollout(6, 2, 4, true).waves()).isEqualTo(2);
        assertThat(new Rollout(6, 2, 4, true).describe()).isEqualTo("canary wave of 2 nodes, then 1 wave of 4 nodes");
        // More canaries than nodes: one wave with every node.
        assertThat(new Rollout(2, 3, 1, true).waves()).isEqualTo(1);
        // Not staged: no canary wave even if one is asked for.
        assertThat(new Rollout(3, 1, 10, false).waves()).isEqualTo(1);
        assertThat(new Rollout(3, 1, 10, false).describe()).isEqualTo("1 wave of 3 nodes");
        assertThat(new Rollout(7, 0, 3, false).describe()).isEqualTo("3 waves of at most 3 of 7 nodes");
    }

    @Test
    void refusesImpossibleRollouts() {
        assertThatThrownBy(() -> new Rollout(0, 1, 1, true)).hasMessageContaining("at least one production node");
        assertThatThrownBy(() -> new Rollout(2, 1, 0, true)).hasMessageContaining("maxParallelNodes");
        assertThatThrownBy(() -> new Rollout(2, -1, 1, true)).hasMessageContaining("canaryNodes");
    }

    @Test
    void readableDurationsRoundUpToTheMinute() {
        assertThat(Durations.readable(Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(Durations.readable(Duration.ofHours(3))).isEqualTo("3 h");
        assertThat(Durations.readable(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(Durations.readable(Duration.ofSeconds(61))).isEqualTo("2 min");
        assertThat(Durations.ceilMinutes(Duration.ofSeconds(1))).isEqualTo(1);
    }

    static Runbook runbook() {
        return new Runbook(false, step(25), step(5), step(40), step(5), step(60), step(180), step(1), List.of(), List.of(),
                List.of(), new Runbook.Estimates(Duration.ofMinutes(20), Duration.ofMinutes(40),
                Duration.ofMinutes(50), Duration.ofMinutes(10)));
    }

    private static Runbook.Step step(int minutes) {
        return new Runbook.Step(null, Duration.ofMinutes(minutes));
    }

    private static WindowPart part(WindowPlan plan, String name) {
        return plan.parts().stream().filter(part -> part.name().equals(name)).findFirst().orElseThrow();
    }
}
