package io.upgradeorchestrator.security;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields of a task's deployed Camunda Form: those a person may fill in, and those only shown (read-only or
 * disabled). Read from the form the task really uses, as the engine resolves it (formRef and binding).
 */
record TaskFormFields(Set<String> editable, Set<String> shown) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TaskFormFields of(TaskEntity task, CommandContext commandContext) {
        task.initializeFormKey();
        if (task.getCamundaFormRef() == null) {
            return new TaskFormFields(Set.of(), Set.of());
        }
        InputStream form = commandContext.runWithoutAuthorization(
                () -> new GetDeployedTaskFormCmd(task.getId()).execute(commandContext));
        try (form) {
            Set<String> editable = new LinkedHashSet<>();
            Set<String> shown = new LinkedHashSet<>();
            collect(JSON.readTree(form), editable, shown);
            return new TaskFormFields(editable, shown);
        } catch (IOException e) {
            throw new IllegalStateException("The form of task " + task.getId() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void collect(JsonNode container, Set<String> editable, Set<String> shown) {
        for (JsonNode component : container.path("components")) {
            if (component.hasNonNull("key")) {
                boolean readOnly = isSet(component.get("readonly")) || isSet(component.get("disabled"));
                (readOnly ? shown : editable).add(component.get("key").asText());
            }
            collect(component, editable, shown);
        }
    }

    /** {@code true}, or a FEEL expression (which may make the field read-only at run time: treat it as such). */
    private static boolean isSet(JsonNode flag) {
        return flag != null && (flag.asBoolean(false) || (flag.isTextual() && flag.asText().startsWith("=")));
    }
}
