package io.upgradeorchestrator.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diagram in {@code processes/} reads at 100 % in Camunda Modeler on a 1920×1080 screen: its drawing fits in
 * {@value #MAX_WIDTH}×{@value #MAX_HEIGHT} px, and no label lies on another label, on a shape or on a flow.
 *
 * <p>A label is where Modeler and bpmn-js draw it: the {@code bpmndi:BPMNLabel} bounds of a shape or edge, or, for a
 * named event, gateway or flow without them, the place bpmn-js picks (90×20 px centred below the shape, or 15 px
 * above the middle of the flow's middle segment). On opening a diagram bpmn-js lays the name out in 11 px Arial,
 * wrapped at 90 px, centred on those bounds and from their top, whatever their size: so a label covers its bounds
 * and its text as laid out (estimated from Arial's character widths). The names of tasks, call activities and
 * sub-processes without label bounds are drawn inside their own shape and are not checked. Shapes on top of each
 * other are checked in {@link BpmnConventionsTest}.
 */
class DiagramLayoutTest {

    /** The Modeler's canvas at 100 % on a 1920×1080 screen, less its palette, properties panel and margins. */
    static final int MAX_WIDTH = 1800;
    static final int MAX_HEIGHT = 850;

    /** bpmn-js: an external label without bounds is 90×20, 15 px off its flow. */
    private static final double DEFAULT_LABEL_WIDTH = 90;
    private static final double DEFAULT_LABEL_HEIGHT = 20;
    private static final double FLOW_LABEL_DISTANCE = 15;
    /** bpmn-js's external labels: 11 px Arial, 1.2 line height, wrapped at 90 px. */
    private static final double FONT_SIZE = 11;
    private static final double LINE_HEIGHT = 13;
    private static final double WRAP_WIDTH = 90;
    /** Arial's advance widths in thousandths of the font size: a-z, A-Z; other characters as 556 unless listed. */
    private static final int[] LOWER = {556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
        556, 333, 500, 278, 556, 500, 722, 500, 500, 500};
    private static final int[] UPPER = {667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667,
        778, 722, 667, 611, 722, 667, 944, 667, 667, 611};

    static List<Path> diagrams() throws Exception {
        return BpmnConventionsTest.diagrams().toList();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void shouldFitOneScreenAtFullSize(Path diagram) {
        Drawing drawing = Drawing.of(diagram);
        Box extent = drawing.extent();
        assertThat(extent.width <= MAX_WIDTH && extent.height <= MAX_HEIGHT)
                .as("%s: the drawing spans %s (%.0f × %.0f px), more than %d × %d px; wrap it into rows or move a part"
                        + " into a call activity", diagram, extent, extent.width, extent.height, MAX_WIDTH, MAX_HEIGHT)
                .isTrue();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void shouldNotPutLabelsOnLabelsShapesOrFlows(Path diagram) {
        Drawing drawing = Drawing.of(diagram);
        List<String> collisions = new ArrayList<>();
        List<Label> labels = drawing.labels;
        for (int i = 0; i < labels.size(); i++) {
            Label label = labels.get(i);
            for (int j = i + 1; j < labels.size(); j++) {
                Label other = labels.get(j);
                if (label.box.intersects(other.box)) {
                    collisions.add(label + " overlaps " + other);
                }
            }
            for (BpmnShape shape : drawing.shapes) {
                BaseElement element = shape.getBpmnElement();
                if (element == label.element) {
                    continue;
                }
                Box box = Box.of(shape.getBounds());
                if (isFrame(shape)) {
                    // a sub-process, pool or lane is a frame: labels of its members lie inside it, others outside
                    if (box.intersects(label.box) && !box.contains(label.box)) {
                        collisions.add(label + " crosses the border of " + element.getId() + " " + box);
                    }
                } else if (box.intersects(label.box)) {
                    collisions.add(label + " lies on shape " + element.getId() + " " + box);
                }
            }
            for (BpmnEdge edge : drawing.edges) {
                if (edge.getBpmnElement() == label.element) {
                    continue;
                }
                List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
                for (int k = 0; k + 1 < points.size(); k++) {
                    Waypoint from = points.get(k);
                    Waypoint to = points.get(k + 1);
                    if (label.box.crossedBy(from.getX(), from.getY(), to.getX(), to.getY())) {
                        collisions.add(label + " lies on flow " + edge.getBpmnElement().getId() + " (segment "
                                + point(from) + " → " + point(to) + ")");
                        break;
                    }
                }
            }
        }
        assertThat(collisions).as("%s: labels on other labels, shapes or flows (move the label in Camunda Modeler)",
                diagram).isEmpty();
    }

    private static boolean isFrame(BpmnShape shape) {
        BaseElement element = shape.getBpmnElement();
        return element instanceof Participant || element instanceof Lane
                || element instanceof SubProcess && Boolean.TRUE.equals(shape.isExpanded());
    }

    /** Words to lines no wider than {@value #WRAP_WIDTH} px, as bpmn-js wraps them (a longer word keeps its line). */
    static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : text.strip().split("\\s+")) {
            String longer = line.isEmpty() ? word : line + " " + word;
            if (line.isEmpty() || textWidth(longer) <= WRAP_WIDTH) {
                line = longer;
            } else {
                lines.add(line);
                line = word;
            }
        }
        lines.add(line);
        return lines;
    }

    static double textWidth(String text) {
        double thousandths = 0;
        for (char c : text.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                thousandths += LOWER[c - 'a'];
            } else if (c >= 'A' && c <= 'Z') {
                thousandths += UPPER[c - 'A'];
            } else {
                thousandths += switch (c) {
                    case ' ', ',', '.', '/' -> 278;
                    case '-', '(', ')' -> 333;
                    case '\'' -> 191;
                    case '{', '}' -> 334;
                    default -> 556;
                };
            }
        }
        return thousandths * FONT_SIZE / 1000;
    }

    private static String point(Waypoint point) {
        return String.format(Locale.ROOT, "(%.0f,%.0f)", point.getX(), point.getY());
    }

    /** The shapes, edges and labels of one diagram file. */
    private record Drawing(List<BpmnShape> shapes, List<BpmnEdge> edges, List<Label> labels) {

        static Drawing of(Path diagram) {
            BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
            List<BpmnShape> shapes = new ArrayList<>(model.getModelElementsByType(BpmnShape.class));
            List<BpmnEdge> edges = new ArrayList<>(model.getModelElementsByType(BpmnEdge.class));
            List<Label> labels = new ArrayList<>();
            for (BpmnShape shape : shapes) {
                BaseElement element = shape.getBpmnElement();
                Box box = Box.of(shape.getBounds());
                Box label = explicitLabel(shape.getBpmnLabel());
                if (label == null && hasExternalLabel(element)) {
                    label = new Box(box.centerX() - DEFAULT_LABEL_WIDTH / 2, box.y + box.height,
                            DEFAULT_LABEL_WIDTH, DEFAULT_LABEL_HEIGHT);
                }
                if (label != null) {
                    labels.add(new Label(element, withText(label, element)));
                }
            }
            for (BpmnEdge edge : edges) {
                BaseElement element = edge.getBpmnElement();
                Box label = explicitLabel(edge.getBpmnLabel());
                if (label == null && hasExternalLabel(element)) {
                    label = defaultFlowLabel(new ArrayList<>(edge.getWaypoints()));
                }
                if (label != null) {
                    labels.add(new Label(element, withText(label, element)));
                }
            }
            return new Drawing(shapes, edges, labels);
        }

        private static Box explicitLabel(BpmnLabel label) {
            return label == null || label.getBounds() == null ? null : Box.of(label.getBounds());
        }

        /** Events, gateways and flows show their name beside them, the rest inside their shape. */
        private static boolean hasExternalLabel(BaseElement element) {
            return (element instanceof Event || element instanceof Gateway || element instanceof SequenceFlow)
                    && element instanceof FlowElement flowElement
                    && flowElement.getName() != null && !flowElement.getName().isBlank();
        }

        /** The bounds and the element's name as bpmn-js lays it out: centred on them, from their top. */
        private static Box withText(Box bounds, BaseElement element) {
            String name = element instanceof FlowElement flowElement ? flowElement.getName() : null;
            if (name == null || name.isBlank()) {
                return bounds;
            }
            List<String> lines = wrap(name);
            double width = lines.stream().mapToDouble(DiagramLayoutTest::textWidth).max().orElse(0);
            double height = lines.size() * LINE_HEIGHT + 1;
            double left = Math.min(bounds.x, bounds.centerX() - width / 2);
            double right = Math.max(bounds.x + bounds.width, bounds.centerX() + width / 2);
            return new Box(left, bounds.y, right - left, Math.max(bounds.height, height));
        }

        /** bpmn-js's getFlowLabelPosition: the middle of the middle segment, above it or, if it is vertical, right. */
        private static Box defaultFlowLabel(List<Waypoint> points) {
            double mid = points.size() / 2.0 - 1;
            Waypoint first = points.get((int) Math.floor(mid));
            Waypoint second = points.get((int) Math.ceil(mid + 0.01));
            double x = (first.getX() + second.getX()) / 2;
            double y = (first.getY() + second.getY()) / 2;
            if (first.getX() == second.getX()) {
                x += FLOW_LABEL_DISTANCE;
            } else {
                y -= FLOW_LABEL_DISTANCE;
            }
            return new Box(x - DEFAULT_LABEL_WIDTH / 2, y - DEFAULT_LABEL_HEIGHT / 2, DEFAULT_LABEL_WIDTH,
                    DEFAULT_LABEL_HEIGHT);
        }

        /** Everything drawn: shapes, labels and the waypoints of every flow. */
        Box extent() {
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            List<Box> boxes = new ArrayList<>();
            shapes.forEach(shape -> boxes.add(Box.of(shape.getBounds())));
            labels.forEach(label -> boxes.add(label.box));
            for (BpmnEdge edge : edges) {
                edge.getWaypoints().forEach(point -> boxes.add(new Box(point.getX(), point.getY(), 0, 0)));
            }
            for (Box box : boxes) {
                minX = Math.min(minX, box.x);
                minY = Math.min(minY, box.y);
                maxX = Math.max(maxX, box.x + box.width);
                maxY = Math.max(maxY, box.y + box.height);
            }
            return new Box(minX, minY, maxX - minX, maxY - minY);
        }
    }

    /** A label as drawn, of a shape or a flow. */
    private record Label(BaseElement element, Box box) {

        @Override
        public String toString() {
            String kind = element instanceof SequenceFlow ? "flow" : "shape";
            return "label of " + kind + " " + element.getId() + " " + box;
        }
    }

    /** An axis-parallel rectangle; touching edges do not count as overlapping. */
    record Box(double x, double y, double width, double height) {

        static Box of(Bounds bounds) {
            return new Box(bounds.getX(), bounds.getY(), bounds.getWidth(), bounds.getHeight());
        }

        double centerX() {
            return x + width / 2;
        }

        boolean intersects(Box other) {
            return x < other.x + other.width && other.x < x + width && y < other.y + other.height
                    && other.y < y + height;
        }

        boolean contains(Box other) {
            return other.x >= x && other.y >= y && other.x + other.width <= x + width
                    && other.y + other.height <= y + height;
        }

        /** Whether the segment from (x1,y1) to (x2,y2) passes through the inside of this box (Liang–Barsky). */
        boolean crossedBy(double x1, double y1, double x2, double y2) {
            double dx = x2 - x1;
            double dy = y2 - y1;
            double[] p = {-dx, dx, -dy, dy};
            double[] q = {x1 - x, x + width - x1, y1 - y, y + height - y1};
            double enter = 0;
            double leave = 1;
            for (int i = 0; i < 4; i++) {
                if (p[i] == 0) {
                    if (q[i] <= 0) {
                        return false; // parallel to this side and outside it, or running along it
                    }
                } else {
                    double t = q[i] / p[i];
                    if (p[i] < 0) {
                        enter = Math.max(enter, t);
                    } else {
                        leave = Math.min(leave, t);
                    }
                }
            }
            return enter < leave;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[x=%.0f, y=%.0f, w=%.0f, h=%.0f]", x, y, width, height);
        }
    }
}
