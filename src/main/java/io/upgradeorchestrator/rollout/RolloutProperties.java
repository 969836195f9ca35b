package io.upgradeorchestrator.rollout;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fallbacks for the staged rollout, under {@code upgrade-orchestrator.rollout}. The risk assessment normally sets
 * {@code canaryNodes}, {@code maxParallelNodes} and {@code failureThreshold} per upgrade; these apply only when a
 * variable is missing.
 *
 * @param maxParallelNodes  nodes upgraded at once in one wave
 * @param canaryNodes       nodes of the canary wave of a staged rollout
 * @param failureThreshold  failed node upgrades that stop the rollout (reaching it is a rollback trigger; at least 1)
 * @param baselineSamples   how often each monitoring probe is measured per node for the baseline
 * @param baselineNodes     on how many production nodes the baseline is measured (the first in the plan)
 */
@ConfigurationProperties("upgrade-orchestrator.rollout")
public record RolloutProperties(
        @DefaultValue("10") int maxParallelNodes,
        @DefaultValue("1") int canaryNodes,
        @DefaultValue("1") int failureThreshold,
        @DefaultValue("5") int baselineSamples,
        @DefaultValue("3") int baselineNodes) {
}
