package io.upgradeorchestrator.rulechange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A rule change is refused when submitted if it could not deploy after its approval: the shipped diagrams as a
 * process owner would send them from the Modeler, with and without their forms and history time to live.
 */
class SubmissionCompletenessTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");

    @Test
    void shouldAcceptADiagramSentWithItsForms() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("upgrade-intake.bpmn", Files.readAllBytes(PROCESSES.resolve("upgrade-intake.bpmn")));
        for (String form : new String[] {"correct-request.form", "decide-deferral.form", "revise-window.form"}) {
            files.put(form, Files.readAllBytes(FORMS.resolve(form)));
        }
        files.put("classify-upgrade.dmn", Files.readAllBytes(PROCESSES.resolve("classify-upgrade.dmn")));

        assertThat(SubmissionCompleteness.problems(files)).isEmpty();
    }

    @Test
    void shouldNameEachFormADiagramLoadsFromItsDeploymentButWasNotSent() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("upgrade-intake.bpmn", Files.readAllBytes(PROCESSES.resolve("upgrade-intake.bpmn")));
        files.put("decide-deferral.form", Files.readAllBytes(FORMS.resolve("decide-deferral.form")));

        assertThat(SubmissionCompleteness.problems(files)).containsExactlyInAnyOrder(
                "upgrade-intake.bpmn: element Task_CorrectRequest: loads form correctRequestForm from its own deployment"
                        + " (formRefBinding=\"deployment\"), but no submitted .form file has the id correctRequestForm;"
                        + " add it in the deploy dialog under Include additional files.",
                "upgrade-intake.bpmn: element Task_ReviseWindow: loads form reviseWindowForm from its own deployment"
                        + " (formRefBinding=\"deployment\"), but no submitted .form file has the id reviseWindowForm;"
                        + " add it in the deploy dialog under Include additional files.");
    }

    @Test
    void shouldRefuseAProcessOrDecisionWithoutHistoryTimeToLive() throws IOException {
        String diagram = Files.readString(PROCESSES.resolve("upgrade-announcement.bpmn"));
        String decision = Files.readString(PROCESSES.resolve("route-approval.dmn"));
        assertThat(diagram).contains("camunda:historyTimeToLive=\"P365D\"");
        assertThat(decision).contains("camunda:historyTimeToLive=\"P180D\"");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("upgrade-announcement.bpmn", diagram.replace(" camunda:historyTimeToLive=\"P365D\"", "").getBytes());
        files.put("route-approval.dmn", decision.replace(" camunda:historyTimeToLive=\"P180D\"", "").getBytes());

        assertThat(SubmissionCompleteness.problems(files)).satisfiesExactlyInAnyOrder(
                problem -> assertThat(problem).startsWith("upgrade-announcement.bpmn: element upgradeAnnouncement:"
                        + " the process has no history time to live"),
                problem -> assertThat(problem).startsWith("route-approval.dmn: element routeApproval:"
                        + " the decision has no history time to live"));
    }
}
