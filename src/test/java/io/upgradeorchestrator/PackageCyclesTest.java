package io.upgradeorchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The feature packages of the main code form no cycle: a package that uses another is not used by it, directly or
 * through others, so each can be read (and changed) standing on the ones below it. Shared facts live below every
 * feature ({@code variables/}, {@code inventory/}, {@code worker/}). Read from the sources, imports and fully
 * qualified names alike.
 */
class PackageCyclesTest {

    private static final Path MAIN = Path.of("src/main/java/io/upgradeorchestrator");
    private static final Pattern REFERENCE = Pattern.compile("io\\.upgradeorchestrator\\.([a-z][a-z0-9.]*?)\\.[A-Z]");

    @Test
    void shouldHaveNoCycleBetweenPackages() throws IOException {
        Map<String, Map<String, Set<String>>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Path folder = MAIN.relativize(file.getParent());
                if (folder.toString().isEmpty()) {
                    continue; // the application class wires everything; it is no feature
                }
                String from = folder.toString().replace('/', '.');
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    String to = matcher.group(1);
                    if (!to.equals(from)) {
                        uses.computeIfAbsent(from, key -> new TreeMap<>()).computeIfAbsent(to, key -> new TreeSet<>())
                                .add(file.getFileName().toString());
                    }
                }
            }
        }
        assertThat(uses).as("packages read from %s", MAIN.toAbsolutePath()).hasSizeGreaterThan(10);
        List<String> cycles = new ArrayList<>();
        for (List<String> component : stronglyConnected(uses)) {
            StringBuilder cycle = new StringBuilder(String.join(" ⇄ ", component)).append(':');
            for (String from : component) {
                for (String to : component) {
                    Set<String> where = uses.getOrDefault(from, Map.of()).get(to);
                    if (where != null) {
                        cycle.append("\n  ").append(from).append(" → ").append(to).append(" in ").append(where);
                    }
                }
            }
            cycles.add(cycle.toString());
        }
        assertThat(cycles).as("packages that use each other").isEmpty();
    }

    /** Tarjan's algorithm: the groups of two or more packages that reach each other. */
    private static List<List<String>> stronglyConnected(Map<String, Map<String, Set<String>>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<List<String>> components = new ArrayList<>();
        for (String node : uses.keySet()) {
            if (!index.containsKey(node)) {
                visit(node, uses, index, low, stack, components);
            }
        }
        return components;
    }

    private static void visit(String node, Map<String, Map<String, Set<String>>> uses, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, List<List<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        for (String next : uses.getOrDefault(node, Map.of()).keySet()) {
            if (!index.containsKey(next)) {
                visit(next, uses, index, low, stack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                components.add(component);
            }
        }
    }
}
