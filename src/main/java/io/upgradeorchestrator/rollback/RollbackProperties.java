package io.upgradeorchestrator.rollback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rollback settings, under {@code upgrade-orchestrator.rollback}.
 *
 * @param restoreDirectory where the runbook's {@code restore} puts a node's final backup back in place
 *                         ({@code ${restoreDirectory}} of the runbook); a template with {@code {demoTargetRoot}} and
 *                         {@code {node}}. The default is the demo node's folder.
 * @param contact          who users call after a rollback (in the mail)
 */
@ConfigurationProperties("upgrade-orchestrator.rollback")
public record RollbackProperties(
        @DefaultValue("{demoTargetRoot}/{node}") String restoreDirectory,
        @DefaultValue("the service desk") String contact) {
}
