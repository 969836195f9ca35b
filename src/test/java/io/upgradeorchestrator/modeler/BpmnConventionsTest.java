package io.upgradeorchestrator.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The modeling habits every diagram in {@code processes/} keeps, checked on the files as process owners edit them
 * in Camunda Modeler: readable ids (never the Modeler's generated {@code Activity_0x1y2z}), labels in the
 * business's words, a layout for every element, no shapes on top of each other, no two end events of the same
 * name, and call activities that name each variable they pass in and out. Whether a diagram fits one screen and
 * keeps its labels clear is {@link DiagramLayoutTest}'s.
 */
class BpmnConventionsTest {

    private static final Path PROCESSES = Path.of("processes");

    private static final Pattern READABLE_ID = Pattern.compile(
            "^(StartEvent|EndEvent|Task|Gateway|SequenceFlow|BoundaryEvent|CallActivity|SubProcess|IntermediateEvent|Event)"
                    + "_[A-Z][A-Za-z0-9]*$");

    /**
     * Known exceptions to {@link #shouldNameEveryEndEventDifferently}, to be renamed in the process part:
     * system-upgrade.bpmn's EndEvent_UpgradeCancelled (after "Re-plan?") and EndEvent_CancelledInPreparation.
     */

    static Stream<Path> diagrams() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            List<Path> bpmn = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
            assertThat(bpmn).as("BPMN files in %s", PROCESSES.toAbsolutePath()).isNotEmpty();
            return bpmn.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void shouldUseReadableIds(Path diagram) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        List<String> generated = new ArrayList<>();
        for (BaseElement element : flowElements(model)) {
            if (!READABLE_ID.matcher(element.getId()).matches()) {
                generated.add(element.getId());
            }
        }
        assertThat(generated).as("ids in %s that do not follow %s", diagram, READABLE_ID).isEmpty();
    }

    /**
     * A called process gets the variables it reads and gives back those its caller reads, each named
     * ({@code <camunda:in source="x" target="x"/>}): {@code variables="all"} would let every phase see and overwrite
     * everything.
     */
    @ParameterizedTest
    @MethodSource("diagrams")
    void shouldMapCallActivityVariablesByName(Path diagram) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        List<String> passingAll = new ArrayList<>();
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
            if (call.getExtensionElements() == null) {
                continue;
            }
            for (CamundaIn in : call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list()) {
                if ("all".equals(in.getCamundaVariables())) {
                    passingAll.add(call.getId() + ": <camunda:in variables=\"all\"/>");
                }
            }
            for (CamundaOut out : call.getExtensionElements().getElementsQuery().filterByType(CamundaOut.class).list()) {
                if ("all".equals(out.getCamundaVariables())) {
                    passingAll.add(call.getId() + ": <camunda:out variables=\"all\"/>");
                }
            }
        }
        assertThat(passingAll).as("call activities in %s that pass all variables instead of naming them", diagram)
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void shouldNameEveryTaskAndEvent(Path diagram) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        List<String> unnamed = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if ((node instanceof Activity || node instanceof Event) && isBlank(node.getName())) {
                unnamed.add(node.getId());
            }
        }
        assertThat(unnamed).as("tasks and events without a name in %s", diagram).isEmpty();
    }

    /**
     * A gateway that decides is a question ("Backup verified?"), its flows are the answers. Merging gateways need
     * no name; neither does a parallel split, which decides nothing.
     */
    @ParameterizedTest
    @MethodSource("diagrams")
    void shouldAskAQuestionAtEveryDecision(Path diagram) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        List<String> problems = new ArrayList<>();
        for (Gateway gateway : model.getModelElementsByType(Gateway.class)) {
            boolean decides = gateway.getOutgoing().size() > 1 && !(gateway instanceof ParallelGateway);
            if (decides && (isBlank(gateway.getName()) || !gateway.getName().strip().endsWith("?"))) {
                problems.add(gateway.getId() + " (name: " + gateway.getName() + ")");
            }
        }
        assertThat(problems).as("deciding gateways in %s whose name is not a question", diagram).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void shouldDrawEveryElement(Path diagram) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        List<String> undrawn = new ArrayList<>();
        for (BaseElement element : flowElements(model)) {
            if (element.getDiagramElement() == null) {
                undrawn.add(element.getId());
            }
        }
        assertThat(undrawn).as("elements of %s without a shape or edge (open it in Camunda Modeler and save)", diagram)
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void shouldNotDrawShapesOnTopOfEachOther(Path diagram) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        List<BpmnShape> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .filter(shape -> !(shape.getBpmnElement() instanceof Participant || shape.getBpmnElement() instanceof Lane))
                .toList();
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            for (int j = i + 1; j < shapes.size(); j++) {
                BpmnShape a = shapes.get(i);
                BpmnShape b = shapes.get(j);
                if (!belongTogether(a.getBpmnElement(), b.getBpmnElement()) && intersect(a.getBounds(), b.getBounds())) {
                    overlaps.add(a.getBpmnElement().getId() + " " + describe(a.getBounds()) + " / "
                            + b.getBpmnElement().getId() + " " + describe(b.getBounds()));
                }
            }
        }
        assertThat(overlaps).as("overlapping shapes in %s", diagram).isEmpty();
    }

    /**
     * Every way a process can end has its own name, so that Cockpit, the history and the people reading the diagram
     * can tell the ends apart.
     */
    @ParameterizedTest
    @MethodSource("diagrams")
    void shouldNameEveryEndEventDifferently(Path diagram) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        Map<String, List<String>> endsByName = new TreeMap<>();
        for (EndEvent end : model.getModelElementsByType(EndEvent.class)) {
            if (!isBlank(end.getName())) {
                endsByName.computeIfAbsent(end.getName().strip(), name -> new ArrayList<>()).add(end.getId());
            }
        }
        endsByName.values().removeIf(ends -> ends.size() < 2);
        assertThat(endsByName).as("end events of %s that share a name", diagram).isEmpty();
    }

    private static Collection<BaseElement> flowElements(BpmnModelInstance model) {
        List<BaseElement> elements = new ArrayList<>(model.getModelElementsByType(FlowNode.class));
        elements.addAll(model.getModelElementsByType(SequenceFlow.class));
        return elements;
    }

    /** A boundary event sits on its host's border; an expanded sub-process contains its elements. */
    private static boolean belongTogether(BaseElement a, BaseElement b) {
        return attachedTo(a, b) || attachedTo(b, a) || contains(a, b) || contains(b, a);
    }

    private static boolean attachedTo(BaseElement event, BaseElement host) {
        return event instanceof BoundaryEvent boundary && boundary.getAttachedTo() == host;
    }

    private static boolean contains(BaseElement container, BaseElement element) {
        if (!(container instanceof SubProcess)) {
            return false;
        }
        for (ModelElementInstance parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
            if (parent == container) {
                return true;
            }
        }
        return false;
    }

    private static boolean intersect(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    private static String describe(Bounds bounds) {
        return String.format(Locale.ROOT, "[x=%.0f, y=%.0f, w=%.0f, h=%.0f]", bounds.getX(), bounds.getY(),
                bounds.getWidth(), bounds.getHeight());
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
