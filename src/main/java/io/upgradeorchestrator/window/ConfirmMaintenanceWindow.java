package io.upgradeorchestrator.window;

import static io.upgradeorchestrator.window.MaintenanceWindowProcess.WINDOW_CONFIRMED;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The window fits every rule and every on-call role will be there: the window is confirmed. */
@Component("confirmMaintenanceWindow")
class ConfirmMaintenanceWindow implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        WINDOW_CONFIRMED.set(execution, true);
    }
}
