package io.upgradeorchestrator.modeler;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.springframework.stereotype.Component;

/**
 * The deployment at start-up (the diagrams, decisions and forms of {@code processes/} and {@code forms/}) is one
 * deployment with duplicate filtering: nothing is deployed when no file changed, and every file when one did.
 * Our diagrams load their forms with {@code formRefBinding="deployment"}, so a diagram finds a form only in its own
 * deployment. The engine's {@code deploy-changed-only} would deploy a changed diagram alone, and Tasklist could not
 * open its forms; this plugin refuses to start with it, before anything is deployed.
 */
@Component
class StartUpDeployment extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // postInit: after the generic properties (camunda.bpm.generic-properties) are applied, before auto-deployment
        if (configuration instanceof SpringTransactionsProcessEngineConfiguration spring) {
            check(spring.isDeployChangedOnly());
        }
    }

    static void check(boolean deployChangedOnly) {
        if (deployChangedOnly) {
            throw new IllegalStateException("camunda.bpm.generic-properties.properties.deploy-changed-only is true:"
                    + " a release that changes one diagram would deploy it without the forms it loads from its own"
                    + " deployment (formRefBinding=\"deployment\"), and Tasklist could not open them. Remove the"
                    + " setting: start-up deploys every file whenever one changed, and nothing when none did.");
        }
    }
}
