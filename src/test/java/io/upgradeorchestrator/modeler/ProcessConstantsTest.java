package io.upgradeorchestrator.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java names of the diagrams stay true to the diagrams: every element id a process class names (its nested
 * {@code …Elements} classes) is an element of the diagram that class names by its key, and every shipped diagram has
 * a key constant. A process owner who renames an element in the Modeler learns here which code still uses the old id.
 */
class ProcessConstantsTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path CLASSES = Path.of("target", "classes");
    private static final String ROOT_PACKAGE = "io.upgradeorchestrator";

    /** Element ids per process key, from the diagrams. */
    private static final Map<String, Set<String>> ELEMENTS = new HashMap<>();
    private static final List<Class<?>> MAIN_CLASSES = new ArrayList<>();

    @BeforeAll
    static void readDiagramsAndClasses() throws Exception {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            for (Path diagram : files.filter(file -> file.toString().endsWith(".bpmn")).toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
                Set<String> ids = new HashSet<>();
                model.getModelElementsByType(BaseElement.class).forEach(element -> ids.add(element.getId()));
                for (Process process : model.getModelElementsByType(Process.class)) {
                    ELEMENTS.put(process.getId(), ids);
                }
            }
        }
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.startsWith(ROOT_PACKAGE)) {
                    MAIN_CLASSES.add(Class.forName(name, false, ProcessConstantsTest.class.getClassLoader()));
                }
            }
        }
    }

    @Test
    void everyDiagramHasAKeyConstant() throws IOException {
        Set<String> keys = new HashSet<>();
        for (Class<?> type : MAIN_CLASSES) {
            for (Field field : constants(type)) {
                if (field.getName().equals("KEY") || field.getName().endsWith("_KEY")) {
                    keys.add(value(field));
                }
            }
        }
        assertThat(keys).as("process keys named by a constant").containsAll(ELEMENTS.keySet());
    }

    @Test
    void everyElementConstantNamesAnElementOfItsDiagram() {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Class<?> type : MAIN_CLASSES) {
            if (!type.getSimpleName().endsWith("Elements") || type.getEnclosingClass() == null) {
                continue;
            }
            Set<String> diagramIds = diagramOf(type);
            for (Field field : constants(type)) {
                checked++;
                if (!diagramIds.contains(value(field))) {
                    missing.add(type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName() + "."
                            + field.getName() + " = " + value(field));
                }
            }
        }
        assertThat(checked).as("element constants checked").isGreaterThan(50);
        assertThat(missing).as("element constants that name no element of their diagram").isEmpty();
    }

    /**
     * The diagram(s) an Elements class belongs to: those named by the key constants of its enclosing class
     * (e.g. {@code NodeRollbackElements} beside {@code NODE_ROLLBACKS_KEY}), and the diagrams those call, for the
     * elements of called diagrams a process class names as its own steps.
     */
    private static Set<String> diagramOf(Class<?> elements) {
        Class<?> owner = elements.getEnclosingClass();
        Set<String> ids = new HashSet<>();
        for (Field field : constants(owner)) {
            if (field.getName().equals("KEY") || field.getName().endsWith("_KEY")) {
                ids.addAll(ELEMENTS.getOrDefault(value(field), Set.of()));
            }
        }
        assertThat(ids).as("%s names no shipped diagram by a key constant", owner.getSimpleName()).isNotEmpty();
        return ids;
    }

    private static List<Field> constants(Class<?> type) {
        List<Field> constants = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                constants.add(field);
            }
        }
        return constants;
    }

    private static String value(Field field) {
        try {
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
