package io.upgradeorchestrator.demotarget;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local demo target, under {@code upgrade-orchestrator.demo-target}.
 *
 * @param root      folder holding one sub-folder per demo node; runbooks use it as {@code ${demoTargetRoot}}
 * @param provision create missing demo nodes on start, at their inventory versions, for systems whose runbook says
 *                  {@code demoTarget: true}
 * @param url       base URL at which runbook HTTP checks reach this application's demo health endpoint
 *                  ({@code ${demoTargetUrl}}); empty = {@code http://localhost:<the port the server listens on>}
 * @param scripts   folder of the demo runbook scripts (for provisioning)
 */
@ConfigurationProperties("upgrade-orchestrator.demo-target")
public record DemoTargetProperties(
        @DefaultValue("data/demo-target") Path root,
        @DefaultValue("true") boolean provision,
        @DefaultValue("") String url,
        @DefaultValue("inventory/demo-runbook") Path scripts) {
}
