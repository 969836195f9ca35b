package io.upgradeorchestrator.request;

import static io.upgradeorchestrator.variables.UpgradeVariables.CURRENT_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.IRREVERSIBLE_MIGRATION;
import static io.upgradeorchestrator.variables.UpgradeVariables.OWNER_GROUP;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUEST_PROBLEMS;
import static io.upgradeorchestrator.variables.UpgradeVariables.REQUEST_VALID;
import static io.upgradeorchestrator.variables.UpgradeVariables.SEVERITY;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_NAME;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_TITLE;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_END;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_TEXT;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Checks the request as the process holds it (start form, correction or revision) with the same rules as
 * the API, and writes the validated facts the later phases read.
 */
@Component("validateUpgradeRequest")
class ValidateUpgradeRequest implements JavaDelegate {

    private final RequestValidator validator;

    ValidateUpgradeRequest(RequestValidator validator) {
        this.validator = validator;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RequestValidator.Result result = validator.validate(RequestVariables.fromVariables(execution));
        REQUEST_VALID.set(execution, result.valid());
        REQUEST_PROBLEMS.set(execution, result.valid() ? null : result.problemsText());
        if (!result.valid()) {
            return;
        }
        ValidatedRequest request = result.request();
        // DMN inputs must be null, not "", when the requester gave no severity.
        SEVERITY.set(execution, request.severity() == null ? null : request.severity().name());
        TARGET_VERSION.set(execution, request.targetVersion());
        SYSTEM_NAME.set(execution, request.system().name());
        OWNER_GROUP.set(execution, request.system().ownerGroup());
        CURRENT_VERSION.set(execution, request.currentVersion());
        IRREVERSIBLE_MIGRATION.set(execution, request.irreversibleMigration());
        WINDOW_START.set(execution, Date.from(request.windowStart()));
        WINDOW_END.set(execution, Date.from(request.windowEnd()));
        WINDOW_TEXT.set(execution, RequestVariables.readable(WINDOW_START.get(execution), WINDOW_END.get(execution)));
        UPGRADE_TITLE.set(execution, UPGRADE_ID.get(execution, "New upgrade") + ": " + request.system().name() + " "
                + request.currentVersion() + " → " + request.targetVersion());
    }
}
