package io.upgradeorchestrator.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.variable.mapping.value.ParameterValueProvider;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.variables.JsonText;

/**
 * Routes the steps of nodes in a zone served by remote workers ({@code upgrade-orchestrator.worker.remote-zones}) to
 * the zone's topic ({@code runbook.upgrade.fra}), so the application's own worker never takes them.
 *
 * <p>The diagrams keep the literal topics their element template offers ({@link StepTopics#ROUTED}); the zone is
 * added here, when the engine parses them: the external-task behaviour of such an activity gets a topic computed
 * from the node's {@link StepInput}, which the step's start listener ({@code ${prepareNodeStep}},
 * {@code ${prepareProbeStep}}) has set by then.
 */
@Component
public class StepRouting extends AbstractProcessEnginePlugin {

    private final Set<String> remoteZones;

    StepRouting(WorkerProperties properties) {
        this.remoteZones = Set.copyOf(properties.remoteZones());
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior behavior) {
                    String topic = serviceTaskElement.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "topic");
                    if (StepTopics.ROUTED.contains(topic)) {
                        activity.setActivityBehavior(new ExternalTaskActivityBehavior(new ZoneTopic(topic),
                                behavior.getPriorityValueProvider()));
                    }
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /** The plain topic, or the zone's topic when the node's zone is served by remote workers. */
    public String topic(String topic, DelegateExecution execution) {
        String input = JsonText.of(execution.getVariableLocalTyped(StepVariables.INPUT));
        if (input == null) {
            throw new IllegalStateException("Step " + execution.getCurrentActivityId() + " has no "
                    + StepVariables.INPUT + ": its diagram must prepare it (execution listener ${prepareNodeStep})");
        }
        String zone = StepInput.fromJson(input).zone();
        return zone != null && remoteZones.contains(zone) ? StepTopics.inZone(topic, zone) : topic;
    }

    /** A step's topic, computed when the engine creates its external task. */
    private final class ZoneTopic implements ParameterValueProvider {

        private final String topic;

        ZoneTopic(String topic) {
            this.topic = topic;
        }

        @Override
        public Object getValue(VariableScope scope) {
            return topic(topic, (DelegateExecution) scope);
        }

        @Override
        public boolean isDynamic() {
            return true;
        }
    }
}
