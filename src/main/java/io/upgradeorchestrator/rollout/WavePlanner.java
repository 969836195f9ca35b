package io.upgradeorchestrator.rollout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.upgradeorchestrator.inventory.Node;
import io.upgradeorchestrator.inventory.VersionComparator;

/**
 * Splits the production nodes into waves. Pure domain: no engine, no database.
 *
 * <ul>
 *   <li><b>Drift first:</b> nodes on the oldest release go first. They make the largest step to the target, so
 *   what can go wrong shows up in the canary wave, while most of the fleet still runs; and the fleet converges on
 *   fewer releases with every wave instead of keeping the drift until the end.</li>
 *   <li><b>Sites spread:</b> within a release, nodes are taken from the sites in turn, and a wave never takes the
 *   last node of a site that has more than one (so a site keeps serving while its nodes are upgraded); a site with
 *   one node only cannot be helped.</li>
 *   <li><b>Canary:</b> with a staged rollout, wave 1 holds {@code canaryNodes} nodes; the rest follow in waves of at
 *   most {@code maxParallelNodes}. Without a staged rollout there is no canary wave and the site rule is not
 *   applied (everything may move together, e.g. when releases cannot run side by side).</li>
 * </ul>
 */
public final class WavePlanner {

    private WavePlanner() {
    }

    /** One wave: its number (1-based), whether it is the canary wave, its nodes in upgrade order. */
    public record Wave(int number, boolean canary, List<Node> nodes) {
    }

    public static List<Wave> plan(List<Node> productionNodes, boolean staged, int canaryNodes, int maxParallelNodes) {
        if (productionNodes.isEmpty()) {
            throw new IllegalArgumentException("An upgrade needs at least one production node");
        }
        if (maxParallelNodes < 1) {
            throw new IllegalArgumentException("maxParallelNodes must be at least 1, got " + maxParallelNodes);
        }
        if (canaryNodes < 0) {
            throw new IllegalArgumentException("canaryNodes must not be negative, got " + canaryNodes);
        }
        List<Node> ordered = order(productionNodes);
        Map<String, Integer> nodesPerSite = new HashMap<>();
        ordered.forEach(node -> nodesPerSite.merge(site(node), 1, Integer::sum));
        int canary = staged ? Math.min(canaryNodes, ordered.size()) : 0;

        List<Wave> waves = new ArrayList<>();
        List<Node> remaining = new ArrayList<>(ordered);
        while (!remaining.isEmpty()) {
            boolean isCanary = waves.isEmpty() && canary > 0;
            int size = isCanary ? canary : maxParallelNodes;
            List<Node> wave = new ArrayList<>();
            Map<String, Integer> takenPerSite = new HashMap<>();
            for (Node node : remaining) {
                if (wave.size() == size) {
                    break;
                }
                int siteSize = nodesPerSite.get(site(node));
                int taken = takenPerSite.getOrDefault(site(node), 0);
                if (staged && siteSize > 1 && taken + 1 >= siteSize) {
                    continue; // would take down every node of this site at once
                }
                wave.add(node);
                takenPerSite.merge(site(node), 1, Integer::sum);
            }
            if (wave.isEmpty()) {
                wave.add(remaining.get(0)); // cannot happen with siteSize > 1, kept as a guard against looping
            }
            remaining.removeAll(wave);
            waves.add(new Wave(waves.size() + 1, isCanary, List.copyOf(wave)));
        }
        return waves;
    }

    /** Oldest release first; within a release the sites in turn (round robin), each site's nodes by id. */
    static List<Node> order(List<Node> nodes) {
        Map<String, List<Node>> byVersion = new java.util.TreeMap<>(VersionComparator.INSTANCE);
        nodes.forEach(node -> byVersion.computeIfAbsent(node.version(), v -> new ArrayList<>()).add(node));
        List<Node> ordered = new ArrayList<>();
        for (List<Node> sameVersion : byVersion.values()) {
            Map<String, List<Node>> bySite = new LinkedHashMap<>();
            sameVersion.stream().sorted(Comparator.comparing(WavePlanner::site).thenComparing(Node::id))
                    .forEach(node -> bySite.computeIfAbsent(site(node), s -> new ArrayList<>()).add(node));
            // the largest site first, so the round robin spreads it over the most waves
            List<List<Node>> sites = bySite.values().stream()
                    .sorted(Comparator.comparing((List<Node> site) -> -site.size())).toList();
            for (int i = 0; ordered.size() < nodes.size(); i++) {
                boolean any = false;
                for (List<Node> site : sites) {
                    if (i < site.size()) {
                        ordered.add(site.get(i));
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
        }
        return ordered;
    }

    private static String site(Node node) {
        return node.site() == null ? "" : node.site();
    }
}
