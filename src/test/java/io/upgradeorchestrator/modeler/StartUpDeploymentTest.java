package io.upgradeorchestrator.modeler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.upgradeorchestrator.UpgradeOrchestratorApplication;

/**
 * A release that changes one diagram: the application starts on a database, stops, starts again unchanged (nothing
 * is deployed), one diagram changes, and it starts again on the same database. Every form and decision the diagrams of the new deployment reference must be
 * found the way Tasklist finds them: forms in the diagram's own deployment ({@code formRefBinding="deployment"}).
 * The application runs twice in this JVM next to the shared test application, so without the webapps (closing an
 * application with webapps breaks the other one's), on a file database of its own.
 */
class StartUpDeploymentTest {

    private static final String CHANGED_DIAGRAM = "upgrade-approval.bpmn";
    private static final String CHANGED_PROCESS = "upgradeApproval";
    private static final String NAME_BEFORE = "name=\"Approve ${upgradeTitle}\"";
    private static final String NAME_AFTER = "name=\"Approve ${upgradeTitle} (changed)\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void shouldDeployAChangedDiagramWithEveryFormAndDecisionItUses() throws IOException {
        Path files = copyShippedFiles();
        String firstDeployment;
        try (ConfigurableApplicationContext first = start(files)) {
            firstDeployment = newestDeployment(first).getId();
        }
        try (ConfigurableApplicationContext unchanged = start(files)) {
            assertThat(newestDeployment(unchanged).getId()).as("a restart with no file changed deploys nothing")
                    .isEqualTo(firstDeployment);
        }
        Path diagram = files.resolve(CHANGED_DIAGRAM);
        String xml = Files.readString(diagram);
        assertThat(xml).as("%s names its approval task this way", CHANGED_DIAGRAM).contains(NAME_BEFORE);
        Files.writeString(diagram, xml.replace(NAME_BEFORE, NAME_AFTER));

        try (ConfigurableApplicationContext second = start(files)) {
            ProcessEngine engine = second.getBean(ProcessEngine.class);
            RepositoryService repository = engine.getRepositoryService();
            Deployment release = newestDeployment(second);
            assertThat(release.getId()).as("the second start deployed the change").isNotEqualTo(firstDeployment);

            ProcessDefinition changed = repository.createProcessDefinitionQuery().processDefinitionKey(CHANGED_PROCESS)
                    .latestVersion().singleResult();
            assertThat(changed.getDeploymentId()).isEqualTo(release.getId());
            assertThat(changed.getVersion()).isEqualTo(2);
            assertThat(repository.getBpmnModelInstance(changed.getId()).getModelElementsByType(UserTask.class))
                    .extracting(UserTask::getName).contains("Approve ${upgradeTitle} (changed)");

            List<String> opened = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (ProcessDefinition definition : repository.createProcessDefinitionQuery().deploymentId(release.getId()).list()) {
                BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
                for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                    if (start.getCamundaFormRef() != null) {
                        // the call Tasklist makes for a start form
                        try (InputStream form = engine.getFormService().getDeployedStartForm(definition.getId())) {
                            assertThat(formId(form)).isEqualTo(start.getCamundaFormRef());
                            opened.add(definition.getKey() + "/" + start.getId());
                        } catch (RuntimeException notFound) {
                            missing.add(definition.getKey() + "/" + start.getId() + ": " + notFound.getMessage());
                        }
                    }
                }
                for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                    if (task.getCamundaFormRef() == null) {
                        continue;
                    }
                    // the look-up getDeployedTaskForm makes for a task of this definition
                    CamundaFormDefinition form = command(engine, new GetCamundaFormDefinitionCmd(
                            new CamundaFormRefImpl(task.getCamundaFormRef(), task.getCamundaFormRefBinding()),
                            definition.getDeploymentId()));
                    if (form == null) {
                        missing.add(definition.getKey() + "/" + task.getId() + ": no form " + task.getCamundaFormRef()
                                + " (binding " + task.getCamundaFormRefBinding() + ") in its deployment");
                        continue;
                    }
                    try (InputStream content = repository.getResourceAsStream(form.getDeploymentId(), form.getResourceName())) {
                        assertThat(formId(content)).isEqualTo(task.getCamundaFormRef());
                    }
                    opened.add(definition.getKey() + "/" + task.getId());
                }
                for (BusinessRuleTask rule : model.getModelElementsByType(BusinessRuleTask.class)) {
                    String decision = rule.getCamundaDecisionRef();
                    if (decision != null && !decision.contains("${")) {
                        long found = repository.createDecisionDefinitionQuery().deploymentId(release.getId())
                                .decisionDefinitionKey(decision).count();
                        if (found != 1) {
                            missing.add(definition.getKey() + "/" + rule.getId() + ": no decision " + decision);
                        }
                    }
                }
            }
            assertThat(missing).as("forms and decisions the new deployment's diagrams cannot find").isEmpty();
            assertThat(opened).as("forms opened, the changed diagram's among them")
                    .anyMatch(form -> form.startsWith(CHANGED_PROCESS + "/"))
                    .anyMatch(form -> form.startsWith("systemUpgrade/StartEvent_"));
        }
    }

    @Test
    void shouldRefuseToStartWhenOnlyChangedFilesWouldBeDeployed() throws IOException {
        Path files = copyShippedFiles();
        assertThatThrownBy(() -> start(files, "--camunda.bpm.generic-properties.properties.deploy-changed-only=true").close())
                .hasStackTraceContaining("deploy-changed-only is true");
    }

    @Test
    void shouldAcceptTheDefault() {
        StartUpDeployment.check(false);
        assertThatThrownBy(() -> StartUpDeployment.check(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without the forms");
    }

    /** The diagrams, decisions and forms as they ship, in a folder this test may change. */
    private Path copyShippedFiles() throws IOException {
        Path files = Files.createDirectories(directory.resolve("files"));
        for (Path folder : List.of(Path.of("processes"), Path.of("forms"))) {
            try (Stream<Path> shipped = Files.list(folder)) {
                for (Path file : shipped.toList()) {
                    Files.copy(file, files.resolve(file.getFileName()));
                }
            }
        }
        return files;
    }

    private ConfigurableApplicationContext start(Path files, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                // engines register by name JVM-wide; the shared test application's engine is "default"
                "--camunda.bpm.process-engine-name=redeploy",
                "--spring.datasource.url=jdbc:h2:file:" + directory.resolve("db").resolve("upgrade-orchestrator")
                        .toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "--camunda.bpm.webapp.enabled=false",
                "--camunda.bpm.deployment-resource-pattern[0]=file:" + files.toAbsolutePath() + "/*.bpmn",
                "--camunda.bpm.deployment-resource-pattern[1]=file:" + files.toAbsolutePath() + "/*.dmn",
                "--camunda.bpm.deployment-resource-pattern[2]=file:" + files.toAbsolutePath() + "/*.form",
                "--upgrade-orchestrator.mail.outbox=" + directory.resolve("mail")));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(UpgradeOrchestratorApplication.class).profiles("test")
                .run(arguments.toArray(String[]::new));
    }

    private static Deployment newestDeployment(ConfigurableApplicationContext context) {
        List<Deployment> deployments = context.getBean(RepositoryService.class).createDeploymentQuery()
                .orderByDeploymentTime().desc().list();
        assertThat(deployments).isNotEmpty();
        return deployments.get(0);
    }

    private static <T> T command(ProcessEngine engine, org.camunda.bpm.engine.impl.interceptor.Command<T> command) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(command);
    }

    private static String formId(InputStream form) throws IOException {
        return JSON.readTree(new String(form.readAllBytes(), StandardCharsets.UTF_8)).path("id").asText();
    }
}
