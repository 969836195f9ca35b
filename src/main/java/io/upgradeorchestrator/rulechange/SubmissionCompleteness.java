package io.upgradeorchestrator.rulechange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a rule change must hold to deploy at all, checked when a process owner submits it rather than after a second
 * process owner approved it (the deployment would then fail as an incident): every executable process and every
 * decision has a history time to live (the engine enforces one), and every form a diagram loads from its own
 * deployment ({@code formRefBinding="deployment"}) is among the submitted files — the Modeler's deploy dialog sends
 * a form only when it is added under "Include additional files".
 */
final class SubmissionCompleteness {

    private static final String BPMN = DeploymentAllowList.BPMN;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmissionCompleteness() {
    }

    /** Every reason the files cannot deploy as they are, each as {@code <file>: element <id>: <what>}. */
    static List<String> problems(Map<String, byte[]> files) {
        Set<String> formIds = new HashSet<>();
        files.forEach((name, content) -> {
            if (name.toLowerCase(Locale.ROOT).endsWith(".form")) {
                formIds.add(formId(content));
            }
        });
        List<String> problems = new ArrayList<>();
        files.forEach((name, content) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean bpmn = lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml");
            boolean dmn = lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml");
            if (!bpmn && !dmn) {
                return;
            }
            Element root;
            try {
                root = DeploymentAllowList.parse(content);
            } catch (Exception notXml) {
                return; // the allow-list has refused it already
            }
            if (bpmn) {
                checkBpmn(root, name, formIds, problems);
            } else {
                checkDmn(root, name, problems);
            }
        });
        return problems;
    }

    private static void checkBpmn(Element element, String file, Set<String> formIds, List<String> problems) {
        if (BPMN.equals(element.getNamespaceURI())) {
            String id = element.getAttribute("id");
            if ("process".equals(element.getLocalName()) && !"false".equals(element.getAttribute("isExecutable"))
                    && camunda(element, "historyTimeToLive").isBlank()) {
                problems.add(file + ": element " + id + ": the process has no history time to live; the engine refuses"
                        + " it. Set it in the Modeler (select the canvas, History cleanup → Time to live), e.g. P365D.");
            }
            String formRef = camunda(element, "formRef");
            if (!formRef.isBlank() && "deployment".equals(camunda(element, "formRefBinding")) && !formIds.contains(formRef)) {
                problems.add(file + ": element " + id + ": loads form " + formRef + " from its own deployment"
                        + " (formRefBinding=\"deployment\"), but no submitted .form file has the id " + formRef
                        + "; add it in the deploy dialog under Include additional files.");
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                checkBpmn(childElement, file, formIds, problems);
            }
        }
    }

    private static void checkDmn(Element element, String file, List<String> problems) {
        if ("decision".equals(element.getLocalName()) && camunda(element, "historyTimeToLive").isBlank()) {
            problems.add(file + ": element " + element.getAttribute("id") + ": the decision has no history time to"
                    + " live; the engine refuses it. Set it in the Modeler (select the decision, History cleanup → Time"
                    + " to live), e.g. P180D.");
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                checkDmn(childElement, file, problems);
            }
        }
    }

    /** A Camunda attribute of either Camunda namespace (BPMN or DMN), or "" when absent. */
    private static String camunda(Element element, String name) {
        for (String namespace : DeploymentAllowList.CAMUNDA_BPMN) {
            if (element.hasAttributeNS(namespace, name)) {
                return element.getAttributeNS(namespace, name);
            }
        }
        return element.hasAttributeNS(DeploymentAllowList.CAMUNDA_DMN, name)
                ? element.getAttributeNS(DeploymentAllowList.CAMUNDA_DMN, name) : "";
    }

    private static String formId(byte[] content) {
        try {
            JsonNode form = JSON.readTree(content);
            return form == null ? "" : form.path("id").asText("");
        } catch (IOException notJson) {
            return "";
        }
    }
}
