package io.upgradeorchestrator.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.upgradeorchestrator.inventory.Environment;
import io.upgradeorchestrator.inventory.Node;

class WavePlannerTest {

    @Test
    void shouldPutTheCanaryFirstAndLimitTheOtherWaves() {
        List<WavePlanner.Wave> waves = WavePlanner.plan(nodes(7, "A", "B", "C"), true, 1, 3);
        assertThat(waves).extracting(wave -> wave.nodes().size()).containsExactly(1, 3, 3);
        assertThat(waves.get(0).canary()).isTrue();
        assertThat(waves.subList(1, 3)).noneMatch(WavePlanner.Wave::canary);
        assertThat(waves).extracting(WavePlanner.Wave::number).containsExactly(1, 2, 3);
    }

    @Test
    void shouldUpgradeTheOldestReleaseFirst() {
        List<Node> nodes = List.of(node("n1", "A", "15.6"), node("n2", "B", "15.5"), node("n3", "A", "15.10"),
                node("n4", "B", "15.6"));
        List<WavePlanner.Wave> waves = WavePlanner.plan(nodes, true, 1, 2);
        assertThat(waves.get(0).nodes()).extracting(Node::id).containsExactly("n2");
        assertThat(waves.stream().flatMap(wave -> wave.nodes().stream()).map(Node::version).toList())
                .containsExactly("15.5", "15.6", "15.6", "15.10");
    }

    @Test
    void shouldNeverTakeDownEveryNodeOfASiteInOneWaveWhenAvoidable() {
        // site A has two nodes, site B one: a wave of three must not hold both A nodes
        List<WavePlanner.Wave> waves = WavePlanner.plan(List.of(node("a1", "A", "1"), node("a2", "A", "1"),
                node("b1", "B", "1")), true, 0, 3);
        assertThat(waves).hasSize(2);
        for (WavePlanner.Wave wave : waves) {
            assertThat(wave.nodes().stream().filter(node -> node.site().equals("A")).count()).isLessThan(2);
        }
        // a site with a single node cannot be helped
        assertThat(WavePlanner.plan(List.of(node("b1", "B", "1")), true, 0, 3).get(0).nodes()).hasSize(1);
    }

    @Test
    void shouldSpreadSitesOverTheWaves() {
        List<WavePlanner.Wave> waves = WavePlanner.plan(nodes(6, "A", "B"), true, 0, 2);
        for (WavePlanner.Wave wave : waves) {
            assertThat(wave.nodes()).extracting(Node::site).containsExactlyInAnyOrder("A", "B");
        }
    }

    @Test
    void shouldHaveNoCanaryAndNoSiteRuleWithoutAStagedRollout() {
        List<WavePlanner.Wave> waves = WavePlanner.plan(nodes(4, "A"), false, 2, 10);
        assertThat(waves).hasSize(1);
        assertThat(waves.get(0).canary()).isFalse();
        assertThat(waves.get(0).nodes()).hasSize(4);
    }

    @Test
    void shouldRejectImpossiblePlans() {
        assertThatThrownBy(() -> WavePlanner.plan(List.of(), true, 1, 1)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> WavePlanner.plan(nodes(1, "A"), true, 1, 0)).hasMessageContaining("maxParallelNodes");
        assertThatThrownBy(() -> WavePlanner.plan(nodes(1, "A"), true, -1, 1)).hasMessageContaining("canaryNodes");
    }

    private static List<Node> nodes(int count, String... sites) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String site = sites[i % sites.length];
            nodes.add(node("node-" + i, site, "1.0"));
        }
        return nodes;
    }

    private static Node node(String id, String site, String version) {
        return new Node(id, id + ".example.org", site, Environment.PRODUCTION, version);
    }
}
