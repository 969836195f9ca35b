package io.upgradeorchestrator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The habits that keep the tables editable in Camunda Modeler; checked on the files as process owners see them. */
class DecisionTableConventionsTest {

    private static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";
    private static final String DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/";
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/dmn";

    @ParameterizedTest
    @ValueSource(strings = {"classify-upgrade.dmn", "assess-risk.dmn", "compatibility-verdict.dmn", "rollback-deadline-policy.dmn",
            "route-approval.dmn"})
    void shouldFollowTheModelingConventions(String resource) throws Exception {
        Document dmn = read(resource);
        List<String> problems = new ArrayList<>();

        for (Element decision : elements(dmn, DMN, "decision")) {
            String id = decision.getAttribute("id");
            if (!"P180D".equals(decision.getAttributeNS(CAMUNDA, "historyTimeToLive"))) {
                problems.add(id + " lacks camunda:historyTimeToLive=P180D");
            }
            boolean drawn = elements(dmn, DMNDI, "DMNShape").stream()
                    .anyMatch(shape -> id.equals(shape.getAttribute("dmnElementRef")));
            if (!drawn) {
                problems.add(id + " has no shape in the DRD");
            }
        }
        for (Element input : elements(dmn, DMN, "input")) {
            expectReadableId(input, "Input_", problems);
            Element expression = elements(input, "inputExpression").get(0);
            if (expression.getAttribute("typeRef").isEmpty()) {
                problems.add(input.getAttribute("id") + " has no typeRef");
            }
        }
        for (Element output : elements(dmn, DMN, "output")) {
            expectReadableId(output, "Output_", problems);
            if (output.getAttribute("typeRef").isEmpty()) {
                problems.add(output.getAttribute("id") + " has no typeRef");
            }
        }
        for (Element rule : elements(dmn, DMN, "rule")) {
            expectReadableId(rule, "Rule_", problems);
            List<Element> description = elements(rule, "description");
            if (description.isEmpty() || description.get(0).getTextContent().isBlank()) {
                problems.add(rule.getAttribute("id") + " does not say why (annotation is empty)");
            }
        }

        assertThat(problems).isEmpty();
    }

    private static void expectReadableId(Element element, String prefix, List<String> problems) {
        String id = element.getAttribute("id");
        // Modeler generates ids such as Rule_0x1y2z3 or InputClause_1abcdef; ours are words in CamelCase
        if (!id.matches(prefix + "[A-Z][a-z]+[A-Za-z0-9]*")) {
            problems.add(id + " is not a readable " + prefix + "... id");
        }
    }

    private static Document read(String resource) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = DecisionTableConventionsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath").isNotNull();
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> elements(Document document, String namespace, String name) {
        return asList(document.getElementsByTagNameNS(namespace, name));
    }

    private static List<Element> elements(Element parent, String name) {
        return asList(parent.getElementsByTagNameNS(DMN, name));
    }

    private static List<Element> asList(NodeList nodes) {
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }
}
