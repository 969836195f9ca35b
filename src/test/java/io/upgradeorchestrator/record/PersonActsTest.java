package io.upgradeorchestrator.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every user task of an upgrade's diagrams is an act the record names; a new task without one fails here. */
class PersonActsTest {

    private static final Pattern USER_TASK = Pattern.compile("<bpmn:userTask id=\"([^\"]+)\"");
    /** Not part of an upgrade: rule changes have their own approval and audit. */
    private static final String RULE_CHANGE_DIAGRAM = "rule-change-approval.bpmn";

    @Test
    void everyUserTaskOfAnUpgradeHasANamedAct() throws IOException {
        List<String> tasks = new ArrayList<>();
        try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
            for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                if (diagram.getFileName().toString().equals(RULE_CHANGE_DIAGRAM)) {
                    continue;
                }
                Matcher matcher = USER_TASK.matcher(Files.readString(diagram));
                while (matcher.find()) {
                    tasks.add(matcher.group(1));
                }
            }
        }

        assertThat(tasks).isNotEmpty();
        assertThat(PersonAct.TASK_ACTS).containsKeys(tasks.toArray(String[]::new));
        assertThat(PersonAct.TASK_ACTS.values()).doesNotContain(PersonAct.Act.COMPLETED_TASK);
    }
}
