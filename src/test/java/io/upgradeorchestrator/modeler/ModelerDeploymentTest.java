package io.upgradeorchestrator.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.upgradeorchestrator.testing.ProcessTest;

/**
 * Deploying from Camunda Modeler: the same calls the Modeler makes (version check, then a multipart
 * {@code POST /engine-rest/deployment/create} with the diagram and its forms), as a process owner and as others.
 * A process owner's deployment becomes a pending rule change (202), deployed only after a second process owner
 * approves it.
 */
@ProcessTest
class ModelerDeploymentTest {

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repositoryService;

    static final String DIAGRAM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_ModelerCheck"
                targetNamespace="http://upgradeorchestrator.io/bpmn">
              <bpmn:process id="modelerCheck" name="Modeler check" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="StartEvent_Checked" name="Checked" />
              </bpmn:process>
            </bpmn:definitions>
            """;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void shouldTakeAProcessOwnersDiagramWithItsFormsAsARuleChangeAwaitingASecondProcessOwner() throws Exception {
        assertThat(send("paula", HttpRequest.newBuilder(uri("/engine-rest/version")).GET()).statusCode()).isEqualTo(200);
        String name = "modeler-test-" + UUID.randomUUID();

        HttpResponse<String> submitted = deploy("paula", name);

        // accepted, not deployed: RuleChangeDeploymentTest follows the change through its approval
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        assertThat(submitted.body()).contains("\"submittedBy\":\"paula\"").contains("modeler-check.bpmn")
                .contains("review-business-impact.form").contains("second process owner");
        assertThat(submitted.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("/api/rule-changes/RC-"));
        assertThat(repositoryService.createDeploymentQuery().deploymentName(name).count()).isZero();
    }

    @Test
    void shouldRefuseDeploymentsFromUsersWhoAreNotProcessOwners() throws Exception {
        String name = "refused-" + UUID.randomUUID();

        assertThat(deploy("rita", name).statusCode()).isEqualTo(403);
        assertThat(deploy("oscar", name).statusCode()).isEqualTo(403);
        assertThat(deploy(null, name).statusCode()).isEqualTo(401);
        assertThat(repositoryService.createDeploymentQuery().deploymentName(name).count()).isZero();
    }

    /**
     * A diagram with user tasks sent without the forms it loads from its own deployment would deploy after the
     * approval and leave Tasklist unable to open them: refused at once, naming each missing form.
     */
    @Test
    void shouldRefuseADiagramSentWithoutTheFormsItLoadsFromItsDeployment() throws Exception {
        String name = "without-forms-" + UUID.randomUUID();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("upgrade-preparation.bpmn", Files.readString(Path.of("processes/upgrade-preparation.bpmn")));
        files.put("rollback-plan.form", Files.readString(Path.of("forms/rollback-plan.form")));

        HttpResponse<String> refused = deploy("paula", name, files);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("Task_ResolveBackupProblem: loads form resolveBackupProblemForm")
                .contains("Task_ReviewFailedRehearsal: loads form reviewFailedRehearsalForm")
                .doesNotContain("rollbackPlanForm").contains("Include additional files");
        assertThat(repositoryService.createDeploymentQuery().deploymentName(name).count()).isZero();
    }

    private HttpResponse<String> deploy(String user, String deploymentName) throws Exception {
        // a diagram of its own, so the product's processes keep their versions for the other tests
        Map<String, String> files = new LinkedHashMap<>();
        files.put("modeler-check.bpmn", DIAGRAM);
        files.put("review-business-impact.form", Files.readString(Path.of("forms/review-business-impact.form")));
        return deploy(user, deploymentName, files);
    }

    private HttpResponse<String> deploy(String user, String deploymentName, Map<String, String> files) throws Exception {
        String boundary = "----modeler" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        part(body, boundary, "deployment-name", null, deploymentName);
        part(body, boundary, "deployment-source", null, "Camunda Modeler");
        part(body, boundary, "deploy-changed-only", null, "false");
        files.forEach((file, content) -> part(body, boundary, file, file, content));
        body.append("--").append(boundary).append("--\r\n");
        return send(user, HttpRequest.newBuilder(uri("/engine-rest/deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    }

    private static void part(StringBuilder body, String boundary, String name, String fileName, String content) {
        body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append('"');
        if (fileName != null) {
            body.append("; filename=\"").append(fileName).append("\"\r\nContent-Type: application/octet-stream");
        }
        body.append("\r\n\r\n").append(content).append("\r\n");
    }

    private HttpResponse<String> send(String user, HttpRequest.Builder request) throws Exception {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":test-secret").getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
