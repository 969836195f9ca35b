package io.upgradeorchestrator.window;

import static io.upgradeorchestrator.window.MaintenanceWindowProcess.AVAILABILITY_ANSWERS;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.AVAILABILITY_COMMENT;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.AVAILABLE;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.SUPPORT_AVAILABLE;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.SUPPORT_CONFIRMATIONS;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.SUPPORT_ROLE;
import static io.upgradeorchestrator.window.MaintenanceWindowProcess.WINDOW_PROBLEMS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import io.upgradeorchestrator.identity.TaskActor;

/**
 * Records one on-call role's answer. A "no" ends the round (the multi-instance completion condition) and becomes
 * the reason the window goes back to re-planning: who cannot be there, in which role, and why. The form's values
 * are checked here too, because Tasklist validates only in the browser.
 */
@Component("recordAvailability")
class RecordAvailability implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        boolean available = parseAvailable(task.getVariable(AVAILABLE));
        String comment = trimToNull(AVAILABILITY_COMMENT.get(task));
        if (!available && comment == null) {
            throw new BadUserRequestException("availabilityComment: say why you cannot be reachable during the window,"
                    + " so the requester can choose another time");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> role = (Map<String, Object>) task.getVariable(SUPPORT_ROLE);
        String roleText = role.get("role") + " (group " + role.get("group") + ")";
        String person = actor(task);

        List<String> answers = new ArrayList<>(AVAILABILITY_ANSWERS.get(task, List.of()));
        answers.add(roleText + ": " + person + (available ? " is available" : " is NOT available")
                + (comment == null ? "" : " – " + comment));
        AVAILABILITY_ANSWERS.set(task, answers);
        SUPPORT_CONFIRMATIONS.set(task, String.join("\n", answers));
        if (!available) {
            SUPPORT_AVAILABLE.set(task, false);
            WINDOW_PROBLEMS.set(task, "Support is not available: " + person + " (" + role.get("role") + ", group "
                    + role.get("group") + ") cannot be reachable during the window: " + comment);
        }
    }

    private static boolean parseAvailable(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String text) {
            switch (text.trim().toLowerCase()) {
                case "yes", "true" -> {
                    return true;
                }
                case "no", "false" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw new BadUserRequestException("available: answer yes or no" + (value == null ? "" : ", not '" + value + "'"));
    }

    private static String actor(DelegateTask task) {
        String actor = TaskActor.of(task);
        return actor == null ? "someone" : actor;
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
