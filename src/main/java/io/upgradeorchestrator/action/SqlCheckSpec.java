package io.upgradeorchestrator.action;

/**
 * A query against a database the orchestrator is configured to reach, and what its answer must be.
 *
 * @param connection  name of a connection under {@code upgrade-orchestrator.actions.sql-connections}; credentials
 *                    live only there, never in the inventory or in process variables
 * @param query       SQL; placeholders become bind parameters, so write {@code where v = {targetVersion}}
 *                    without quotes
 * @param expectation see {@link SqlExpectation}: {@code rows > 0}, {@code value = 16.4}, {@code value >= 1},
 *                    {@code value != 'degraded'}, {@code value = null}
 */
public record SqlCheckSpec(String connection, String query, String expectation) implements ActionSpec {

    public SqlCheckSpec {
        if (connection == null || connection.isBlank() || query == null || query.isBlank()) {
            throw new InvalidActionException("an SQL check needs a connection name and a query");
        }
        SqlExpectation.parse(expectation); // reject a bad expectation when the runbook is read, not at run time
    }

    @Override
    public ActionKind kind() {
        return ActionKind.SQL_CHECK;
    }

    @Override
    public String describe() {
        return connection + ": " + query.strip().replaceAll("\\s+", " ") + " → expect " + expectation;
    }
}
