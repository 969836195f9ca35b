package io.upgradeorchestrator.assessment;

import static io.upgradeorchestrator.assessment.AssessmentVariables.BUSINESS_IMPACT;
import static io.upgradeorchestrator.assessment.AssessmentVariables.IMPACT_NOTES;
import static io.upgradeorchestrator.assessment.AssessmentVariables.IMPACT_REVIEWED_BY;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import io.upgradeorchestrator.identity.TaskActor;

/**
 * The owner's impact must be one the risk decision knows, and a high or severe impact must be explained:
 * approvers and the rollout plan build on it.
 */
@Component("impactReviewRule")
class ImpactReviewRule implements TaskListener {

    static final List<String> IMPACTS = List.of("LOW", "MEDIUM", "HIGH", "SEVERE");

    @Override
    public void notify(DelegateTask task) {
        String impact = BUSINESS_IMPACT.get(task);
        if (impact == null || !IMPACTS.contains(impact)) {
            throw new BadUserRequestException("businessImpact: choose one of " + String.join(", ", IMPACTS)
                    + ", was '" + impact + "'");
        }
        String notes = IMPACT_NOTES.get(task);
        if (("HIGH".equals(impact) || "SEVERE".equals(impact)) && (notes == null || notes.isBlank())) {
            throw new BadUserRequestException("impactNotes: say what a " + impact.toLowerCase()
                    + " impact means for the business (processes, users, deadlines)");
        }
        IMPACT_REVIEWED_BY.set(task, TaskActor.of(task));
    }
}
