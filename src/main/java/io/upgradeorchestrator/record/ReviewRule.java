package io.upgradeorchestrator.record;

import static io.upgradeorchestrator.record.UpgradeClosureProcess.FOLLOW_UPS;
import static io.upgradeorchestrator.record.UpgradeClosureProcess.LESSONS_LEARNED;
import static io.upgradeorchestrator.record.UpgradeClosureProcess.REVIEWED_AT;
import static io.upgradeorchestrator.record.UpgradeClosureProcess.REVIEWED_BY;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import io.upgradeorchestrator.variables.StringLengthLimit;

/**
 * The post-implementation review must say what was learned (Tasklist validates only in the browser, so it is
 * checked here too); who reviewed and when goes into the record.
 */
@Component("postImplementationReviewRule")
class ReviewRule implements TaskListener {

    static final int MAX_LENGTH = StringLengthLimit.MAX_LENGTH;

    @Override
    public void notify(DelegateTask task) {
        String lessons = LESSONS_LEARNED.get(task);
        if (lessons == null || lessons.isBlank()) {
            throw new BadUserRequestException("lessonsLearned: say what went well, what took longer than expected"
                    + " and which risks were missed; it completes the upgrade record");
        }
        if (lessons.length() > MAX_LENGTH) {
            throw new BadUserRequestException("lessonsLearned: at most " + MAX_LENGTH + " characters");
        }
        String followUps = FOLLOW_UPS.get(task);
        if (followUps != null && followUps.length() > MAX_LENGTH) {
            throw new BadUserRequestException("followUps: at most " + MAX_LENGTH + " characters");
        }
        LESSONS_LEARNED.set(task, lessons.strip());
        FOLLOW_UPS.set(task, followUps == null || followUps.isBlank() ? null : followUps.strip());
        REVIEWED_BY.set(task, actor(task));
        REVIEWED_AT.set(task, ClockUtil.getCurrentTime());
    }

    private static String actor(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication != null && authentication.getUserId() != null ? authentication.getUserId()
                : task.getAssignee();
    }
}
