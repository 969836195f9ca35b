package io.upgradeorchestrator.backup;

import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_ATTEMPT;
import static io.upgradeorchestrator.backup.BackupVariables.BACKUP_PROBLEM_DECISION;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Operations retry (a fresh backup in a new attempt) or cancel; nothing else goes on without a tested restore. */
@Component("backupProblemRule")
class BackupProblemRule implements TaskListener {

    static final List<String> DECISIONS = List.of("RETRY", "CANCEL");

    @Override
    public void notify(DelegateTask task) {
        String decision = BACKUP_PROBLEM_DECISION.get(task);
        if (decision == null || !DECISIONS.contains(decision)) {
            throw new BadUserRequestException("backupProblemDecision: choose one of " + String.join(", ", DECISIONS)
                    + ", was '" + decision + "'");
        }
        if ("RETRY".equals(decision)) {
            BACKUP_ATTEMPT.set(task.getExecution(), BACKUP_ATTEMPT.get(task, 1) + 1);
        }
    }
}
