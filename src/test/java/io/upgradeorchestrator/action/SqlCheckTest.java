package io.upgradeorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlCheckTest extends ActionTestSupport {

    @BeforeAll
    static void targetDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:target-db;DB_CLOSE_DELAY=-1",
                "checker", TARGET_DB_PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists app_version (component varchar(50), version varchar(20))");
            statement.execute("delete from app_version");
            statement.execute("insert into app_version values ('server', '16.4'), ('client', '16.3')");
        }
    }

    @Test
    void valueExpectationMet() {
        ActionResult result = run("version", new SqlCheckSpec("target-db",
                "select version from app_version where component = 'server'", "value = 16.4"));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(result.output()).isEqualTo("VERSION=16.4\n");
        assertThat(result.summary()).startsWith("`target-db: select version from app_version where component = 'server'"
                + " → expect value = 16.4` on db-test-1 returned value 16.4 after ");
    }

    @Test
    void valueExpectationNotMetIsAFailedAnswer() {
        ActionResult result = run("version", new SqlCheckSpec("target-db",
                "select version from app_version where component = 'client'", "value >= 16.4"));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(result.summary()).contains("returned value 16.3 (expected value >= 16.4)");
    }

    @Test
    void placeholdersAreBindParameters() {
        ActionResult matching = run("version", new SqlCheckSpec("target-db",
                "select count(*) from app_version where version = {targetVersion}", "value = 1"));
        ActionResult rows = run("version", new SqlCheckSpec("target-db",
                "select * from app_version where version = {currentVersion}", "rows > 0"));
        ActionResult none = run("version", new SqlCheckSpec("target-db",
                "select * from app_version where version = {systemId}", "rows > 0"));

        assertThat(matching.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(rows.outcome()).isEqualTo(ActionOutcome.SUCCEEDED);
        assertThat(none.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(none.summary()).contains("returned 0 rows (expected rows > 0)");
    }

    @Test
    void unknownConnectionIsAClearError() {
        assertThatThrownBy(() -> run("version", new SqlCheckSpec("billing-prod", "select 1", "rows > 0")))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("no SQL connection named 'billing-prod'")
                .hasMessageContaining("upgrade-orchestrator.actions.sql-connections.billing-prod.url");
    }

    @Test
    void badQueryIsAnErrorAndThePasswordNeverShows() {
        ActionResult result = run("version", new SqlCheckSpec("target-db", "select nope from nowhere", "rows > 0"));

        assertThat(result.outcome()).isEqualTo(ActionOutcome.ERROR);
        assertThat(result.summary()).contains("could not be run", "NOWHERE").doesNotContain(TARGET_DB_PASSWORD);
    }

    @Test
    void malformedExpectationIsRejected() {
        assertThatThrownBy(() -> new SqlCheckSpec("target-db", "select 1", "value roughly 3"))
                .isInstanceOf(InvalidActionException.class).hasMessageContaining("rows > 0");
    }
}
