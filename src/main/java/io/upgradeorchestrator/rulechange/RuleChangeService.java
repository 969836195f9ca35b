package io.upgradeorchestrator.rulechange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rule changes: a process owner submits BPMN, DMN and form files; they are checked against the allow-list at
 * once, stored as a pending change and handed to the approval process ({@code rule-change-approval.bpmn}), where a
 * second process owner decides. Nothing is deployed before that.
 */
@Service
@HiddenFromExpressions
public class RuleChangeService {

    private final RuleChangeStore store;
    private final DeploymentGuard guard;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;

    RuleChangeService(RuleChangeStore store, DeploymentGuard guard, RuntimeService runtimeService,
                      IdentityService identityService) {
        this.store = store;
        this.guard = guard;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
    }

    /**
     * Checks and stores the files as a pending change by {@code submittedBy} (the authenticated caller, never a
     * value from the request) and starts its approval.
     *
     * @throws BadUserRequestException when a file breaks the allow-list or could not deploy as sent (no history
     *                                 time to live, a form of the diagram's own deployment missing: see
     *                                 {@link SubmissionCompleteness}), naming file, element and reason; or nothing was sent
     */
    @Transactional
    public RuleChange submit(String submittedBy, String deploymentName, Map<String, byte[]> files) {
        if (files.isEmpty()) {
            throw new BadUserRequestException("The deployment holds no files: send the BPMN, DMN and form files to deploy");
        }
        List<String> violations = new ArrayList<>();
        files.forEach((name, content) -> violations.addAll(guard.allowList().violations(name, content)));
        if (violations.isEmpty()) {
            violations.addAll(SubmissionCompleteness.problems(files));
        }
        if (!violations.isEmpty()) {
            throw new BadUserRequestException(String.join("\n", violations));
        }
        String name = deploymentName == null || deploymentName.isBlank() ? "rule change" : deploymentName.strip();
        if (name.length() > 255) {
            name = name.substring(0, 255);
        }
        String id = store.nextId();
        store.insert(id, name, submittedBy, new LinkedHashMap<>(files));
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(RuleChangeApprovalProcess.RULE_CHANGE_ID, id);
        variables.put(RuleChangeApprovalProcess.SUBMITTED_BY, submittedBy);
        variables.put(RuleChangeApprovalProcess.DEPLOYMENT_NAME, name);
        variables.put(RuleChangeApprovalProcess.FILES, String.join(", ", files.keySet()));
        ProcessInstance instance = asSystem(() -> runtimeService.startProcessInstanceByKey(
                RuleChangeApprovalProcess.KEY, id, variables));
        store.processStarted(id, instance.getId());
        return store.find(id).orElseThrow();
    }

    public List<RuleChange> list(int max) {
        return store.findAll(max);
    }

    public Optional<RuleChange> find(String id) {
        return store.find(id);
    }

    public Map<String, byte[]> files(String id) {
        return store.resources(id);
    }

    private <T> T asSystem(java.util.function.Supplier<T> work) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
