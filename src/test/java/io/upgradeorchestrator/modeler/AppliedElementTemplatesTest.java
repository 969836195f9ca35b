package io.upgradeorchestrator.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every service task of every shipped diagram has its element template applied, so a process owner who selects it
 * in Camunda Modeler sees the template's fields, not a raw delegate expression: {@code camunda:modelerTemplate} and
 * {@code camunda:modelerTemplateVersion} name a template in {@code .camunda/element-templates/}, and the task is
 * what that template makes of it (its hidden implementation, dropdown values among the choices, required and
 * pattern-checked fields filled correctly, no input the template does not offer).
 */
class AppliedElementTemplatesTest {

    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Path PROCESSES = Path.of("processes");
    private static final Path TEMPLATES = Path.of(".camunda", "element-templates");
    /** The attributes that decide what a service task runs; each must come from its template. */
    private static final List<String> IMPLEMENTATION = List.of("class", "delegateExpression", "expression", "type", "topic");
    /** The binding types this test knows how to compare; a template with another one must extend it. */
    private static final Set<String> CHECKED_BINDINGS = Set.of("property", "camunda:inputParameter");

    /** Template id → version → template. */
    private static final Map<String, Map<Integer, JsonNode>> TEMPLATES_BY_ID = new HashMap<>();

    @BeforeAll
    static void readTemplates() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode template : ElementTemplatesTest.templates(file)) {
                    TEMPLATES_BY_ID.computeIfAbsent(template.path("id").asText(), id -> new HashMap<>())
                            .put(template.path("version").asInt(), template);
                }
            }
        }
        assertThat(TEMPLATES_BY_ID).as("element templates in %s", TEMPLATES.toAbsolutePath()).isNotEmpty();
    }

    static Stream<Path> diagrams() throws IOException {
        return BpmnConventionsTest.diagrams();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void shouldApplyTheTemplateOfEveryServiceTask(Path diagram) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        List<String> problems = new ArrayList<>();
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            String templateId = task.getAttributeValueNs(CAMUNDA, "modelerTemplate");
            String version = task.getAttributeValueNs(CAMUNDA, "modelerTemplateVersion");
            if (templateId == null) {
                problems.add(task.getId() + ": no element template applied (camunda:modelerTemplate)");
                continue;
            }
            Map<Integer, JsonNode> versions = TEMPLATES_BY_ID.get(templateId);
            if (versions == null) {
                problems.add(task.getId() + ": template " + templateId + " does not exist in " + TEMPLATES);
                continue;
            }
            JsonNode template = version == null || !version.matches("\\d+") ? null : versions.get(Integer.parseInt(version));
            if (template == null) {
                problems.add(task.getId() + ": template " + templateId + " has no version " + version + " (there are "
                        + versions.keySet() + "; camunda:modelerTemplateVersion)");
                continue;
            }
            problems.addAll(mismatches(task, template));
        }
        assertThat(problems).as("service tasks of %s and their element templates", diagram).isEmpty();
    }

    /** What differs between the task and what its template would make of it. */
    private static List<String> mismatches(ServiceTask task, JsonNode template) {
        String where = task.getId() + " (template " + template.path("id").asText() + "): ";
        List<String> problems = new ArrayList<>();
        Map<String, String> inputs = inputParameters(task);
        List<String> boundAttributes = new ArrayList<>();
        List<String> offeredInputs = new ArrayList<>();
        for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            String bindingType = binding.path("type").asText();
            String name = binding.path("name").asText();
            if (!CHECKED_BINDINGS.contains(bindingType)) {
                problems.add(where + "binding type " + bindingType + " is not compared by this test; extend it");
                continue;
            }
            String value;
            String label;
            if ("property".equals(bindingType)) {
                String local = name.startsWith("camunda:") ? name.substring("camunda:".length()) : name;
                boundAttributes.add(local);
                value = name.startsWith("camunda:") ? task.getAttributeValueNs(CAMUNDA, local) : task.getAttributeValue(name);
                label = "attribute " + name;
            } else {
                offeredInputs.add(name);
                value = inputs.get(name);
                label = "input " + name;
            }
            problems.addAll(valueProblems(where + label, property, value));
        }
        for (String attribute : IMPLEMENTATION) {
            if (task.getAttributeValueNs(CAMUNDA, attribute) != null && !boundAttributes.contains(attribute)) {
                problems.add(where + "camunda:" + attribute + " is set on the task but not by its template");
            }
        }
        for (String input : inputs.keySet()) {
            if (!offeredInputs.contains(input)) {
                problems.add(where + "input " + input + " is not offered by the template (the Modeler would not show it)");
            }
        }
        return problems;
    }

    private static List<String> valueProblems(String what, JsonNode property, String value) {
        List<String> problems = new ArrayList<>();
        String type = property.path("type").asText();
        JsonNode constraints = property.path("constraints");
        boolean empty = value == null || value.isBlank();
        if ("Hidden".equals(type)) {
            if (!property.path("value").asText().equals(value)) {
                problems.add(what + " is " + value + ", the template sets " + property.path("value").asText());
            }
            return problems;
        }
        if (empty) {
            if (constraints.path("notEmpty").asBoolean(false)) {
                problems.add(what + " is required by the template but empty");
            }
            return problems;
        }
        if ("Dropdown".equals(type)) {
            List<String> choices = new ArrayList<>();
            property.path("choices").forEach(choice -> choices.add(choice.path("value").asText()));
            if (!choices.contains(value)) {
                problems.add(what + " is " + value + ", not one of the template's choices " + choices);
            }
        }
        if ("Boolean".equals(type) && !Set.of("true", "false").contains(value)) {
            problems.add(what + " is " + value + ", not true or false");
        }
        JsonNode pattern = constraints.path("pattern");
        String regex = pattern.isTextual() ? pattern.asText() : pattern.path("value").asText(null);
        if (regex != null && !Pattern.compile(regex).matcher(value).matches()) {
            problems.add(what + " is " + value + ", which the template refuses: " + pattern.path("message").asText(regex));
        }
        return problems;
    }

    private static Map<String, String> inputParameters(ServiceTask task) {
        Map<String, String> inputs = new LinkedHashMap<>();
        if (task.getExtensionElements() == null) {
            return inputs;
        }
        for (CamundaInputOutput io : task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()) {
            for (CamundaInputParameter input : io.getCamundaInputParameters()) {
                inputs.put(input.getCamundaName(), input.getTextContent().trim());
            }
        }
        return inputs;
    }
}
