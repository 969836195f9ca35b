package io.upgradeorchestrator.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.identity.Requesters;
import io.upgradeorchestrator.worker.WorkerProperties;

/**
 * The product's rules that must hold for every client of the engine, attached by the engine itself so that no
 * diagram, REST option ({@code skipCustomListeners}) or client can remove or skip them:
 * <ul>
 *   <li>every start of "System upgrade" passes the upgrade start guard (server-set requester and id);</li>
 *   <li>the phase diagrams start only as part of an upgrade (called by another process), never on their own by a
 *   person: starting "Carry out upgrade" directly would run runbooks that nobody approved;</li>
 *   <li>every user task of the approval diagram carries the four-eyes rule;</li>
 *   <li>candidates of a task may work on it (claim, complete) but not assign it to others or change its
 *   variables: the engine grants TASK_WORK, not UPDATE; see {@link TaskCommandGuard} for what a completion may
 *   write.</li>
 * </ul>
 */
@Component
class EngineGuardPlugin extends AbstractProcessEnginePlugin {

    static final String UPGRADE_PROCESS = "systemUpgrade";
    static final String APPROVAL_PROCESS = "upgradeApproval";
    /** Processes a person may start on their own; every other one runs only as a called phase. */
    static final Set<String> STARTABLE_PROCESSES = Set.of(UPGRADE_PROCESS, "ruleChangeApproval");

    private final ExecutionListener upgradeStartGuard;
    private final TaskListener fourEyesRule;
    private final Requesters requesters;
    private final StepWorkerScope stepWorkers;

    EngineGuardPlugin(@Lazy @Qualifier("upgradeStartGuard") ExecutionListener upgradeStartGuard,
                      @Lazy @Qualifier("fourEyesRule") TaskListener fourEyesRule, @Lazy Requesters requesters,
                      WorkerProperties workers, WorkerAccountProperties workerAccounts) {
        this.upgradeStartGuard = upgradeStartGuard;
        this.fourEyesRule = fourEyesRule;
        this.requesters = requesters;
        this.stepWorkers = new StepWorkerScope(workers.remoteZones(), workerAccounts.zones());
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setDefaultUserPermissionNameForTask(Permissions.TASK_WORK.getName());
        configuration.setEnableExceptionsAfterUnhandledBpmnError(true);
        List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        interceptors.add(new TaskCommandGuard(stepWorkers));
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
        List<BpmnParseListener> parseListeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        parseListeners.add(new GuardAttacher());
        configuration.setCustomPostBPMNParseListeners(parseListeners);
    }

    private final class GuardAttacher extends AbstractBpmnParseListener {

        @Override
        public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
            if (UPGRADE_PROCESS.equals(processDefinition.getKey())) {
                processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, upgradeStartGuard);
            } else if (!STARTABLE_PROCESSES.contains(processDefinition.getKey())) {
                processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, calledOnly(processDefinition));
            }
        }

        @Override
        public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                    && APPROVAL_PROCESS.equals(definition.getKey())
                    && activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                for (String event : List.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT,
                        TaskListener.EVENTNAME_COMPLETE)) {
                    userTask.getTaskDefinition().addBuiltInTaskListener(event, fourEyesRule);
                }
            }
        }
    }

    private ExecutionListener calledOnly(ProcessDefinitionEntity definition) {
        String name = definition.getName() == null ? definition.getKey() : definition.getName();
        return execution -> {
            if (execution.getSuperExecution() != null) {
                return;
            }
            Authentication caller = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            if (caller != null && caller.getUserId() != null) {
                throw new AuthorizationException(caller.getUserId() + " cannot start '" + name + "' on its own: it"
                        + " runs only as a phase of a System upgrade, after that upgrade's request, checks and approvals");
            }
            // started by the application itself (tests, tools): it names the requester, as for an upgrade
            requesters.registerIfAbsent(execution.getProcessBusinessKey(),
                    execution.getVariable("requester") instanceof String requester ? requester : null,
                    execution.getProcessInstanceId());
        };
    }
}
