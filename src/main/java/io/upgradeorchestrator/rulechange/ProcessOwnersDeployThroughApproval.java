package io.upgradeorchestrator.rulechange;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.security.Groups;

/**
 * Process owners no longer hold the engine's DEPLOYMENT CREATE permission: their deployments go through a rule
 * change and a second process owner. New databases never grant it (see AccountSetup); this takes it back from a
 * database set up by an earlier release, on every start.
 */
@Component
@HiddenFromExpressions
class ProcessOwnersDeployThroughApproval {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessOwnersDeployThroughApproval.class);
    private final AuthorizationService authorizationService;

    ProcessOwnersDeployThroughApproval(AuthorizationService authorizationService) {
        this.authorizationService = authorizationService;
    }

    @EventListener(ApplicationReadyEvent.class)
    void revokeDirectDeployment() {
        for (Authorization grant : authorizationService.createAuthorizationQuery().groupIdIn(Groups.PROCESS_OWNERS)
                .resourceType(Resources.DEPLOYMENT).list()) {
            if (grant.isPermissionGranted(Permissions.CREATE)) {
                grant.removePermission(Permissions.CREATE);
                authorizationService.saveAuthorization(grant);
                LOG.info("Took DEPLOYMENT CREATE ({}) from group {}: process owners deploy through approved rule changes",
                        grant.getResourceId(), Groups.PROCESS_OWNERS);
            }
        }
    }
}
