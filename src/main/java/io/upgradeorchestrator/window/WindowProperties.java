package io.upgradeorchestrator.window;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code upgrade-orchestrator.window}: the estimates a maintenance window is planned with when the system's
 * runbook gives none (no runbook yet, or a step without an estimate). Per-node steps (upgrade, rollback) are
 * per wave: the nodes of a wave are upgraded at the same time.
 */
@ConfigurationProperties("upgrade-orchestrator.window")
public record WindowProperties(@DefaultValue Defaults defaults) {

    /**
     * @param preparation      checks, access, freeze of other changes, before anything is touched
     * @param finalBackup      backup and its verification right before the change
     * @param upgradePerWave   upgrading one wave of nodes
     * @param verification     acceptance checks after the last wave
     * @param repairBuffer     time to fix small problems before deciding to roll back
     * @param rollbackDecision time for the decision owner to decide
     * @param rollback         rolling every node back to the old version
     */
    public record Defaults(
            @DefaultValue("PT30M") Duration preparation,
            @DefaultValue("PT30M") Duration finalBackup,
            @DefaultValue("PT45M") Duration upgradePerWave,
            @DefaultValue("PT30M") Duration verification,
            @DefaultValue("PT30M") Duration repairBuffer,
            @DefaultValue("PT15M") Duration rollbackDecision,
            @DefaultValue("PT1H") Duration rollback) {
    }
}
