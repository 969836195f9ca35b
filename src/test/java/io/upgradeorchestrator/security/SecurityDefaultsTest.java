package io.upgradeorchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.upgradeorchestrator.testing.Http;
import io.upgradeorchestrator.testing.ProcessTest;

/** What "secure by default" means here, checked against the running application. */
@ProcessTest
class SecurityDefaultsTest {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void shouldKeepAuthorizationOnAndJavaSerializationOff() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

        assertThat(configuration.isAuthorizationEnabled()).isTrue();
        assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
        assertThat(configuration.getDefaultSerializationFormat()).isEqualTo("application/json");
    }

    @Test
    void shouldNeverServeTheInitialUserSetup() {
        Http.Reply reply = http.post(null, "/camunda/api/admin/setup/default/user/create",
                "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"x\"}}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(engine.getIdentityService().createUserQuery().userId("intruder").count()).isZero();
    }

    @Test
    void shouldShowEachGroupItsOwnTasklistFilters() {
        assertThat(filterNames("rita")).contains("My tasks", "Requesters").doesNotContain("Change managers");
        assertThat(filterNames("cora")).contains("My tasks", "Change managers").doesNotContain("Change advisory board");
        assertThat(filterNames("olga")).contains("Owners of Billing database (PostgreSQL)");
    }

    @Test
    void shouldLetOnlyOperationsAndProcessOwnersIntoCockpit() {
        var authorizations = engine.getAuthorizationService();
        assertThat(authorizations.createAuthorizationQuery().groupIdIn("operations")
                .resourceType(org.camunda.bpm.engine.authorization.Resources.APPLICATION).resourceId("cockpit").count())
                .isEqualTo(1);
        assertThat(authorizations.createAuthorizationQuery().groupIdIn("requesters")
                .resourceType(org.camunda.bpm.engine.authorization.Resources.APPLICATION).resourceId("cockpit").count())
                .isZero();
    }

    private List<String> filterNames(String user) {
        Http.Reply filters = http.get(user, "/engine-rest/filter");
        assertThat(filters.status()).isEqualTo(200);
        return filters.json().findValuesAsText("name");
    }
}
