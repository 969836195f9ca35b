package io.upgradeorchestrator.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The process engine (not only the standalone DMN engine) accepts the four tables as process owners deploy them. */
class DecisionDeploymentTest {

    private static ProcessEngine engine;

    @BeforeAll
    static void deployTables() {
        engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:decision-deployment;DB_CLOSE_DELAY=-1")
                .setProcessEngineName("decision-deployment")
                .setJobExecutorActivate(false)
                .buildProcessEngine();
        engine.getRepositoryService().createDeployment()
                .name("decisions")
                .addClasspathResource("classify-upgrade.dmn")
                .addClasspathResource("assess-risk.dmn")
                .addClasspathResource("compatibility-verdict.dmn")
                .addClasspathResource("route-approval.dmn")
                .deploy();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void shouldDeployEveryDecisionWithItsHistoryTimeToLive() {
        assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().list())
                .extracting(DecisionDefinition::getKey, DecisionDefinition::getHistoryTimeToLive)
                .containsExactlyInAnyOrder(
                        tuple("classifyUpgrade", 180),
                        tuple("assessRisk", 180),
                        tuple("compatibilityVerdict", 180),
                        tuple("routeApproval", 180));
    }

    @Test
    void shouldEvaluateTheOwnerGroupExpressionInsideTheProcessEngine() {
        var routes = engine.getDecisionService().evaluateDecisionTableByKey("routeApproval", Map.of(
                "changeType", "STANDARD",
                "riskLevel", "LOW",
                "reason", "OPTIONAL",
                "irreversibleMigration", false,
                "ownerGroup", "billing-owners"));

        assertThat(routes.getSingleResult().getEntryMap())
                .isEqualTo(Map.of("approverGroup", "billing-owners", "approvals", 1));
    }
}
