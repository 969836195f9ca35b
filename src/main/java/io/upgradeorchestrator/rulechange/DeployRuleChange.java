package io.upgradeorchestrator.rulechange;

import java.io.ByteArrayInputStream;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deploys an approved rule change: the stored files, as the system (process owners themselves may not deploy),
 * with duplicate filtering like the Modeler's own deployments. The engine's allow-list check runs again on the way
 * in. Records the resulting deployment id. Runs only for a change whose approval is recorded.
 */
@Component("deployRuleChange")
class DeployRuleChange implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(DeployRuleChange.class);
    private final RuleChangeStore store;
    private final RepositoryService repositoryService;

    DeployRuleChange(RuleChangeStore store, RepositoryService repositoryService) {
        this.store = store;
        this.repositoryService = repositoryService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = execution.getProcessBusinessKey();
        RuleChange change = store.find(id).orElseThrow(() -> new IllegalStateException("Rule change " + id + " does not exist"));
        if (change.status() == RuleChange.Status.DEPLOYED) {
            return; // a retried job: done already
        }
        if (change.status() != RuleChange.Status.APPROVED) {
            throw new IllegalStateException("Rule change " + id + " is " + change.status() + ", not approved: not deployed");
        }
        Map<String, byte[]> files = store.resources(id);
        DeploymentBuilder builder = repositoryService.createDeployment().name(change.deploymentName())
                .source("Rule change " + id).enableDuplicateFiltering(false);
        files.forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
        CommandContext commandContext = Context.getCommandContext();
        boolean checking = commandContext != null && commandContext.isAuthorizationCheckEnabled();
        if (checking) {
            commandContext.disableAuthorizationCheck(); // the approver cannot deploy; the product does
        }
        Deployment deployment;
        try {
            deployment = builder.deploy();
        } finally {
            if (checking) {
                commandContext.enableAuthorizationCheck();
            }
        }
        store.deployed(id, deployment.getId());
        LOG.info("Rule change {} ({}) by {}, approved by {}: deployment {}", id, change.deploymentName(),
                change.submittedBy(), change.decidedBy(), deployment.getId());
    }
}
