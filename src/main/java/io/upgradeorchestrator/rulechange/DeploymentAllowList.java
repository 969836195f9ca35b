package io.upgradeorchestrator.rulechange;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.engine.BadUserRequestException;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What a deployment may contain: the raw XML of every {@code .bpmn} and {@code .dmn} resource is read with a
 * hardened parser (no DOCTYPE, no external entities) and checked against an allow-list, before the engine parses
 * it. Nothing in a deployment may run code of its own: no script tasks or scripts, no {@code camunda:class}, no
 * connectors, no attribute of the Camunda namespace that is not known here; delegates only as
 * {@code ${bean}} of the product's beans; every {@code ${…}}/{@code #{…}} expression within
 * {@link ExpressionAllowList}; DMN only in FEEL. Forms ({@code .form}) are JSON rendered by Tasklist and pass.
 */
public final class DeploymentAllowList {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String BPMN_DI = "http://www.omg.org/spec/BPMN/20100524/DI";
    /** The Camunda namespace, and the Activiti one that the engine still reads as the same. */
    static final Set<String> CAMUNDA_BPMN = Set.of("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn");
    static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*");
    private static final Pattern FEEL = Pattern.compile(
            "(?i)feel|https?://www\\.omg\\.org/spec/(FEEL/\\d+|DMN/\\d+/FEEL/?)");
    private static final String USE_DELEGATE = "use camunda:delegateExpression=\"${bean}\" with one of the product's delegates";

    /** Camunda attributes on BPMN elements that the engine reads and that cannot name code to load. */
    private static final Set<String> CAMUNDA_ATTRIBUTES = Set.of(
            "asyncBefore", "asyncAfter", "async", "exclusive", "jobPriority", "taskPriority", "historyTimeToLive",
            "versionTag", "isStartableInTasklist", "candidateStarterGroups", "candidateStarterUsers", "initiator",
            "assignee", "candidateUsers", "candidateGroups", "dueDate", "followUpDate", "priority",
            "formRef", "formRefBinding", "formRefVersion", "formKey",
            "calledElementBinding", "calledElementVersion", "calledElementVersionTag", "calledElementTenantId",
            "decisionRef", "decisionRefBinding", "decisionRefVersion", "decisionRefVersionTag", "decisionRefTenantId",
            "mapDecisionResult", "resultVariable", "delegateExpression", "expression", "type", "topic",
            "collection", "elementVariable", "errorCodeVariable", "errorMessageVariable", "escalationCodeVariable",
            "variableMappingDelegateExpression", "modelerTemplate", "modelerTemplateVersion", "modelerTemplateIcon");

    /** Camunda extension elements and the (unqualified) attributes each may carry. */
    private static final Map<String, Set<String>> CAMUNDA_ELEMENTS = Map.ofEntries(
            Map.entry("executionListener", Set.of("event", "expression", "delegateExpression")),
            Map.entry("taskListener", Set.of("event", "expression", "delegateExpression", "id")),
            Map.entry("failedJobRetryTimeCycle", Set.of()),
            Map.entry("in", Set.of("source", "sourceExpression", "target", "variables", "local", "businessKey")),
            Map.entry("out", Set.of("source", "sourceExpression", "target", "variables", "local")),
            Map.entry("inputOutput", Set.of()),
            Map.entry("inputParameter", Set.of("name")),
            Map.entry("outputParameter", Set.of("name")),
            Map.entry("list", Set.of()),
            Map.entry("map", Set.of()),
            Map.entry("entry", Set.of("key")),
            Map.entry("value", Set.of()),
            Map.entry("field", Set.of("name", "stringValue", "expression")),
            Map.entry("string", Set.of()),
            Map.entry("expression", Set.of()),
            Map.entry("properties", Set.of()),
            Map.entry("property", Set.of("id", "name", "value")),
            Map.entry("errorEventDefinition", Set.of("id", "errorRef", "expression")));

    /** Camunda attributes on DMN elements. */
    private static final Set<String> CAMUNDA_DMN_ATTRIBUTES = Set.of("historyTimeToLive", "versionTag", "inputVariable");

    private final ExpressionAllowList expressions;

    /**
     * @param productBean  whether a name is one of the product's own beans
     * @param platformBean whether a name is another bean of the application (Spring, Camunda, the data source …)
     */
    public DeploymentAllowList(Predicate<String> productBean, Predicate<String> platformBean) {
        this.expressions = new ExpressionAllowList(productBean, platformBean);
    }

    /** Refuses the resource with a {@link BadUserRequestException} naming it, the element and the reason. */
    public void check(String resourceName, byte[] content) {
        List<String> violations = violations(resourceName, content);
        if (!violations.isEmpty()) {
            throw new BadUserRequestException(String.join("\n", violations));
        }
    }

    /** Every reason to refuse the resource, each as {@code <resource>: element <id>: <what>}; empty when it passes. */
    public List<String> violations(String resourceName, byte[] content) {
        String name = resourceName == null ? "" : resourceName.toLowerCase(Locale.ROOT);
        List<String> violations = new ArrayList<>();
        if (name.endsWith(".form")) {
            return violations;
        }
        boolean bpmn = name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
        boolean dmn = name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
        if (!bpmn && !dmn) {
            violations.add(resourceName + ": only BPMN (.bpmn), DMN (.dmn) and form (.form) files may be deployed");
            return violations;
        }
        Element root;
        try {
            root = parse(content);
        } catch (Exception e) {
            violations.add(resourceName + ": not a well-formed XML file without DOCTYPE (" + e.getMessage() + ")");
            return violations;
        }
        Report report = new Report(resourceName, violations);
        if (bpmn) {
            checkBpmn(root, null, report);
        } else {
            checkDmn(root, null, report);
        }
        return violations;
    }

    /** The hardened parser: no DOCTYPE, no external entities. */
    static Element parse(byte[] content) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(content)).getDocumentElement();
    }

    private record Report(String resource, List<String> violations) {
        void add(String elementId, String what) {
            violations.add(resource + ": element " + (elementId == null ? "(without id)" : elementId) + ": " + what);
        }
    }

    private static boolean isCamunda(String namespace) {
        return namespace != null && CAMUNDA_BPMN.contains(namespace);
    }

    // --- BPMN ---------------------------------------------------------------------------------------

    private void checkBpmn(Element element, String enclosingId, Report report) {
        String ns = element.getNamespaceURI();
        if (BPMN_DI.equals(ns)) {
            return; // layout only
        }
        String id = element.hasAttribute("id") && !isCamunda(ns) ? element.getAttribute("id") : enclosingId;
        String local = element.getLocalName();
        if (BPMN.equals(ns)) {
            if ("scriptTask".equals(local) || "script".equals(local)) {
                report.add(id, "a script task is not allowed; make it a service task and " + USE_DELEGATE);
                return;
            }
            if ("documentation".equals(local) || "text".equals(local)) {
                return; // read by people, never evaluated
            }
        } else if (isCamunda(ns)) {
            if (!checkCamundaElement(element, id, report)) {
                return;
            }
        } else {
            return; // another vendor's extension: the engine does not read it
        }
        checkAttributes(element, id, report);
        checkText(element, id, report);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                checkBpmn(childElement, id, report);
            }
        }
    }

    /** {@code false} when the element is refused as a whole (its content is then not looked at). */
    private boolean checkCamundaElement(Element element, String id, Report report) {
        String local = element.getLocalName();
        switch (local) {
            case "script" -> {
                report.add(id, "camunda:script is not allowed; use an expression or " + USE_DELEGATE);
                return false;
            }
            case "connector" -> {
                report.add(id, "camunda:connector is not allowed; use " + USE_DELEGATE + " or an external task");
                return false;
            }
            default -> {
                // checked below
            }
        }
        Set<String> allowed = CAMUNDA_ELEMENTS.get(local);
        if (allowed == null) {
            report.add(id, "camunda:" + local + " is not allowed");
            return false;
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (attribute.getNamespaceURI() != null) {
                continue; // xmlns declarations; Camunda-qualified ones are checked with the others
            }
            String name = attribute.getLocalName();
            if ("class".equals(name)) {
                report.add(id, "class on camunda:" + local + " is not allowed; " + USE_DELEGATE);
            } else if (!allowed.contains(name)) {
                report.add(id, "the attribute " + name + " of camunda:" + local + " is not allowed");
            } else if ("delegateExpression".equals(name)) {
                checkDelegate(attribute.getValue(), id, "delegateExpression of camunda:" + local, report);
            }
        }
        return true;
    }

    private void checkAttributes(Element element, String id, Report report) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String ns = attribute.getNamespaceURI();
            String name = attribute.getLocalName();
            String value = attribute.getValue();
            if (isCamunda(ns)) {
                checkCamundaAttribute(name, value, id, report);
            } else if (ns == null && BPMN.equals(element.getNamespaceURI())
                    && ("language".equals(name) || "scriptFormat".equals(name) || "expressionLanguage".equals(name))) {
                report.add(id, name + "=\"" + value + "\" is not allowed: conditions and expressions are written as ${…}, never as scripts");
            } else if (ns == null || BPMN.equals(ns)) {
                checkExpression(value, id, report);
            }
        }
    }

    private void checkCamundaAttribute(String name, String value, String id, Report report) {
        switch (name) {
            case "class" -> report.add(id, "camunda:class is not allowed; " + USE_DELEGATE);
            case "variableMappingClass" -> report.add(id, "camunda:variableMappingClass is not allowed; map variables with camunda:in and camunda:out");
            case "resource" -> report.add(id, "camunda:resource is not allowed: a deployment may not load scripts or other resources");
            case "scriptFormat" -> report.add(id, "camunda:scriptFormat is not allowed: scripts are not allowed");
            case "connector", "connectorId" -> report.add(id, "camunda:" + name + " is not allowed");
            case "delegateExpression", "variableMappingDelegateExpression" ->
                    checkDelegate(value, id, "camunda:" + name, report);
            case "type" -> {
                if (!"external".equals(value)) {
                    report.add(id, "camunda:type=\"" + value + "\" is not allowed; only \"external\" (an external task)");
                }
            }
            case "topic" -> {
                boolean expression = ExpressionAllowList.isExpression(value);
                if (expression) {
                    checkExpression(value, id, report);
                } else if (!TOPIC.matcher(value).matches()) {
                    report.add(id, "camunda:topic=\"" + value + "\" is not allowed; a topic is written like runbook.backup "
                            + "(lower-case words with - and dots) or as an expression");
                }
            }
            case "formKey" -> {
                if (!value.startsWith("camunda-forms:")) {
                    report.add(id, "camunda:formKey=\"" + value + "\" is not allowed: embedded and external forms run their own "
                            + "code in Tasklist; link a Camunda Form with camunda:formRef");
                }
            }
            default -> {
                if (CAMUNDA_ATTRIBUTES.contains(name)) {
                    checkExpression(value, id, report);
                } else {
                    report.add(id, "camunda:" + name + " is not allowed");
                }
            }
        }
    }

    private void checkDelegate(String value, String id, String what, Report report) {
        if (!expressions.isProductBeanReference(value.trim())) {
            report.add(id, what + "=\"" + value + "\" is not allowed; a delegate is written as ${bean} with one of "
                    + "the product's delegates");
        }
    }

    private void checkText(Element element, String id, Report report) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        checkExpression(text.toString().trim(), id, report);
    }

    private void checkExpression(String value, String id, Report report) {
        if (ExpressionAllowList.isExpression(value)) {
            String violation = expressions.violation(value);
            if (violation != null) {
                report.add(id, violation);
            }
        }
    }

    // --- DMN ----------------------------------------------------------------------------------------

    private void checkDmn(Element element, String enclosingId, Report report) {
        String id = element.hasAttribute("id") ? element.getAttribute("id") : enclosingId;
        if (CAMUNDA_DMN.equals(element.getNamespaceURI())) {
            report.add(id, "camunda:" + element.getLocalName() + " is not allowed");
            return;
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String name = attribute.getLocalName();
            if (CAMUNDA_DMN.equals(attribute.getNamespaceURI()) && !CAMUNDA_DMN_ATTRIBUTES.contains(name)) {
                report.add(id, "camunda:" + name + " is not allowed");
            } else if (attribute.getNamespaceURI() == null
                    && ("expressionLanguage".equals(name) || "typeLanguage".equals(name))
                    && !FEEL.matcher(attribute.getValue().trim()).matches()) {
                report.add(id, name + "=\"" + attribute.getValue() + "\" is not allowed; decisions are written in FEEL "
                        + "(leave the expression language empty)");
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                checkDmn(childElement, id, report);
            }
        }
    }
}
