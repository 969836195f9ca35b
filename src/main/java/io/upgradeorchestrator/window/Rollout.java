package io.upgradeorchestrator.window;

/**
 * How the production nodes are upgraded (from the risk assessment): a canary wave of {@code canaryNodes}
 * first, then waves of at most {@code maxParallelNodes}. Without a staged rollout there is no canary wave.
 */
public record Rollout(int productionNodes, int canaryNodes, int maxParallelNodes, boolean staged) {

    public Rollout {
        if (productionNodes < 1) {
            throw new IllegalArgumentException("An upgrade needs at least one production node, got " + productionNodes);
        }
        if (canaryNodes < 0) {
            throw new IllegalArgumentException("canaryNodes must not be negative, got " + canaryNodes);
        }
        if (maxParallelNodes < 1) {
            throw new IllegalArgumentException("maxParallelNodes must be at least 1, got " + maxParallelNodes);
        }
    }

    /** Nodes in the canary wave: none when not staged, never more than there are nodes. */
    public int canaryWaveNodes() {
        return staged ? Math.min(canaryNodes, productionNodes) : 0;
    }

    public int waves() {
        int canary = canaryWaveNodes();
        int rest = productionNodes - canary;
        int restWaves = (rest + maxParallelNodes - 1) / maxParallelNodes;
        return (canary > 0 ? 1 : 0) + restWaves;
    }

    /** "canary wave of 1 node, then 2 waves of at most 2 of the remaining 3 nodes". */
    public String describe() {
        int canary = canaryWaveNodes();
        int rest = productionNodes - canary;
        int restWaves = waves() - (canary > 0 ? 1 : 0);
        StringBuilder text = new StringBuilder();
        if (canary > 0) {
            text.append("canary wave of ").append(nodes(canary));
            if (rest > 0) {
                text.append(", then ");
            }
        }
        if (rest > 0) {
            text.append(restWaves == 1 ? "1 wave of " + nodes(rest)
                    : restWaves + " waves of at most " + maxParallelNodes + " of " + (canary > 0 ? "the remaining " : "")
                    + nodes(rest));
        }
        return text.toString();
    }

    private static String nodes(int count) {
        return count == 1 ? "1 node" : count + " nodes";
    }
}
