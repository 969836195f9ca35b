package io.upgradeorchestrator.cockpit;

import java.util.Set;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The "Upgrade" tab on Cockpit's process instance view, as a Cockpit plugin: Cockpit finds it through
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}, loads its script from
 * {@code plugin-webapp/upgrade/app/plugin.js} and serves its resource under
 * {@code /camunda/api/cockpit/plugin/upgrade/{engine}/…} behind the webapps' own login (session cookie, CSRF).
 */
public class UpgradeCockpitPlugin extends AbstractCockpitPlugin {

    public static final String ID = "upgrade";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(UpgradePluginRootResource.class);
    }
}
