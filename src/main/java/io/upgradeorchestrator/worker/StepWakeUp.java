package io.upgradeorchestrator.worker;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells the application's worker at once when the engine has created runbook steps (external tasks), instead of
 * letting it find them at its next poll: a wave's hundred steps start as soon as the transaction that created them
 * has committed. Remote workers still poll; this only shortens the way inside one application.
 */
@Component
class StepWakeUp extends AbstractProcessEnginePlugin {

    private final ObjectProvider<StepWorker> worker;

    StepWakeUp(ObjectProvider<StepWorker> worker) {
        this.worker = worker;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior) {
                    activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, execution -> wakeUpAfterCommit());
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private void wakeUpAfterCommit() {
        StepWorker stepWorker = worker.getIfAvailable();
        if (stepWorker != null) {
            Context.getCommandContext().getTransactionContext()
                    .addTransactionListener(TransactionState.COMMITTED, context -> stepWorker.wakeUp());
        }
    }
}
