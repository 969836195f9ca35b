package io.upgradeorchestrator.decisions;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;

/**
 * One decision table from {@code processes/}, parsed from the classpath and evaluated by a standalone DMN engine
 * (the same engine and FEEL implementation the process engine embeds). Every evaluation reports the results and
 * the ids of the rules that produced them, so a test can say which rule decided.
 */
final class DecisionTable {

    private final List<DmnDecisionTableEvaluationEvent> evaluations = new ArrayList<>();
    private final DmnEngine engine;
    private final DmnDecision decision;

    private DecisionTable(String resource, String decisionKey) {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of(evaluations::add));
        engine = configuration.buildEngine();
        try (InputStream dmn = DecisionTable.class.getClassLoader().getResourceAsStream(resource)) {
            if (dmn == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            decision = engine.parseDecision(decisionKey, dmn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DecisionTable load(String resource, String decisionKey) {
        return new DecisionTable(resource, decisionKey);
    }

    /** Evaluates the table; {@code variables} may hold nulls (a fact that was not given). */
    Evaluation evaluate(Map<String, Object> variables) {
        evaluations.clear();
        DmnDecisionResult result = engine.evaluateDecision(decision, new HashMap<>(variables));
        List<String> matchedRules = evaluations.get(evaluations.size() - 1).getMatchingRules().stream()
                .map(DmnEvaluatedDecisionRule::getId)
                .toList();
        List<Map<String, Object>> results = result.getResultList().stream()
                .map(row -> (Map<String, Object>) new HashMap<>(row))
                .toList();
        return new Evaluation(results, matchedRules);
    }

    /** The ids of all rules in table order. */
    List<String> ruleIds() {
        return ((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().stream()
                .map(DmnDecisionTableRuleImpl::getId)
                .toList();
    }

    /** What one evaluation produced: one map per result row, and the ids of the rules that matched. */
    record Evaluation(List<Map<String, Object>> results, List<String> matchedRules) {

        Map<String, Object> singleResult() {
            if (results.size() != 1) {
                throw new AssertionError("expected exactly one result but got " + results);
            }
            return results.get(0);
        }
    }
}
