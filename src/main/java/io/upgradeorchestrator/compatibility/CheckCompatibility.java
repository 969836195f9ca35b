package io.upgradeorchestrator.compatibility;

import static io.upgradeorchestrator.variables.UpgradeVariables.COMPATIBILITY;
import static io.upgradeorchestrator.variables.UpgradeVariables.COMPATIBILITY_FINDINGS;
import static io.upgradeorchestrator.variables.UpgradeVariables.PILOT_REQUIRED;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.TARGET_VERSION;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.assessment.AssessmentVariables;
import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.inventory.InventorySystem;

/**
 * Confirms compatibility instead of assuming it: each area's facts go through the compatibilityVerdict
 * decision (process owners edit the verdicts there), the worst verdict is the upgrade's. Uncertain means a
 * pilot run is required, which later phases honour.
 */
@Component("checkCompatibility")
class CheckCompatibility implements JavaDelegate {

    static final String DECISION_KEY = "compatibilityVerdict";

    private final InventoryService inventory;
    private final DecisionService decisions;

    CheckCompatibility(InventoryService inventory, DecisionService decisions) {
        this.inventory = inventory;
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String systemId = SYSTEM_ID.require(execution);
        InventorySystem system = inventory.findById(systemId)
                .orElseThrow(() -> new IllegalStateException("System '" + systemId + "' is no longer in the inventory"));
        boolean drift = AssessmentVariables.VERSION_DRIFT.get(execution, false);

        Verdict overall = Verdict.COMPATIBLE;
        List<String> findings = new ArrayList<>();
        for (AreaFacts facts : CompatibilityFacts.of(system, TARGET_VERSION.require(execution), drift)) {
            DmnDecisionRuleResult result = decisions.evaluateDecisionTableByKey(DECISION_KEY)
                    .variables(facts.decisionInputs()).evaluate().getSingleResult();
            if (result == null) {
                throw new IllegalStateException("compatibilityVerdict matched no rule for " + facts.decisionInputs()
                        + ": add a rule in compatibility-verdict.dmn");
            }
            Verdict verdict = Verdict.valueOf(result.getEntry("verdict"));
            overall = overall.worse(verdict);
            findings.add(facts.area().label() + ": " + verdict + " — " + result.getEntry("finding") + " (" + facts.detail() + ")");
        }
        COMPATIBILITY.set(execution, overall.name());
        COMPATIBILITY_FINDINGS.set(execution, String.join("\n", findings));
        PILOT_REQUIRED.set(execution, overall == Verdict.UNCERTAIN);
    }
}
