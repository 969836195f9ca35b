package io.upgradeorchestrator.coverage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Adds up the per-class reports of camunda-process-test-coverage into one figure per diagram (flow nodes and
 * sequence flows reached by any test), writes {@code target/process-test-coverage/summary.md}, and fails the
 * build when a diagram's flow-node coverage is below the bar. Run by Maven after the tests ({@code verify}).
 */
public final class ProcessCoverageGate {

    static final double MINIMUM_FLOW_NODE_COVERAGE = 0.90;

    private ProcessCoverageGate() {
    }

    public static void main(String[] args) throws IOException {
        Path reports = Path.of(args.length > 0 ? args[0] : "target/process-test-coverage");
        Set<String> productProcesses = productProcesses(Path.of(args.length > 1 ? args[1] : "processes"));
        Map<String, String> xmlByProcess = new TreeMap<>();
        Map<String, Set<String>> reached = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(reports)) {
            for (Path report : files.filter(p -> p.getFileName().toString().equals("report.json")).toList()) {
                JsonNode root = json.readTree(report.toFile());
                root.get("models").forEach(model -> xmlByProcess.putIfAbsent(model.get("key").asText(), model.get("xml").asText()));
                root.get("suites").forEach(suite -> suite.get("runs").forEach(run -> run.get("events").forEach(event ->
                        reached.computeIfAbsent(event.get("modelKey").asText(), key -> new TreeSet<>())
                                .add(event.get("definitionKey").asText()))));
            }
        }
        if (xmlByProcess.isEmpty()) {
            throw new IllegalStateException("No process test coverage reports under " + reports.toAbsolutePath());
        }
        List<String> lines = new ArrayList<>(List.of("# Process test coverage (all test classes together)", "",
                "| process | flow nodes | sequence flows | not reached |", "|---|---|---|---|"));
        List<String> belowBar = new ArrayList<>();
        xmlByProcess.forEach((process, xml) -> {
            var model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Set<String> nodes = ids(model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId));
            Set<String> flows = ids(model.getModelElementsByType(SequenceFlow.class).stream().map(SequenceFlow::getId));
            Set<String> hit = reached.getOrDefault(process, Set.of());
            long nodesHit = nodes.stream().filter(hit::contains).count();
            long flowsHit = flows.stream().filter(hit::contains).count();
            double nodeCoverage = nodes.isEmpty() ? 1 : (double) nodesHit / nodes.size();
            Set<String> missing = new TreeSet<>(nodes);
            missing.addAll(flows);
            missing.removeAll(hit);
            lines.add(String.format("| %s | %d/%d (%.0f%%) | %d/%d | %s |", process, nodesHit, nodes.size(),
                    100 * nodeCoverage, flowsHit, flows.size(), missing.isEmpty() ? "—" : String.join(", ", missing)));
            if (nodeCoverage < MINIMUM_FLOW_NODE_COVERAGE && productProcesses.contains(process)) {
                belowBar.add(process);
            }
        });
        Files.writeString(reports.resolve("summary.md"), String.join("\n", lines) + "\n");
        lines.forEach(System.out::println);
        if (!belowBar.isEmpty()) {
            throw new IllegalStateException("Flow-node coverage below " + (int) (100 * MINIMUM_FLOW_NODE_COVERAGE)
                    + "% for " + belowBar + ": add tests for the paths listed in " + reports.resolve("summary.md"));
        }
    }

    /** The process ids of the product's own diagrams. */
    private static Set<String> productProcesses(Path folder) throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path diagram : files.filter(p -> p.getFileName().toString().endsWith(".bpmn")).toList()) {
                Bpmn.readModelFromFile(diagram.toFile()).getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
                        .forEach(process -> ids.add(process.getId()));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("No diagrams under " + folder.toAbsolutePath());
        }
        return ids;
    }

    private static Set<String> ids(Stream<String> ids) {
        return new TreeSet<>(ids.toList());
    }
}
