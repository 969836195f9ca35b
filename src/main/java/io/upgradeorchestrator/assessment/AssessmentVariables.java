package io.upgradeorchestrator.assessment;

import io.upgradeorchestrator.variables.Var;

/** The facts the assessment copies from the inventory, and the system owner's impact review. */
public final class AssessmentVariables {

    private AssessmentVariables() {
    }

    public static final String PROCESS_KEY = "upgradeAssessment";

    // Inventory snapshot: facts for decisions keep their types, facts for people are readable text.
    public static final Var<Integer> TIER = Var.integer("tier");
    public static final Var<String> TIER_LABEL = Var.string("tierLabel");
    public static final Var<String> BUSINESS_SERVICES = Var.text("businessServices");
    public static final Var<String> PEAK_PERIODS = Var.text("peakPeriods");
    public static final Var<String> CRITICAL_USER_GROUPS = Var.text("criticalUserGroups");
    public static final Var<String> SLA_SUMMARY = Var.text("slaSummary");
    public static final Var<String> COMPLIANCE_TAGS = Var.text("complianceTags");
    public static final Var<String> ON_CALL_ROLES = Var.text("onCallRoles");
    public static final Var<String> NODE_SUMMARY = Var.text("nodeSummary");
    public static final Var<Integer> PRODUCTION_NODE_COUNT = Var.integer("productionNodeCount");
    public static final Var<Boolean> VERSION_DRIFT = Var.bool("versionDrift");
    public static final Var<String> DRIFT_SUMMARY = Var.text("driftSummary");
    public static final Var<String> COMPONENT_SUMMARY = Var.text("componentSummary");
    public static final Var<String> DEPENDS_ON = Var.text("dependsOn");
    public static final Var<String> DEPENDENTS = Var.text("dependents");
    public static final Var<String> CONFIGURATION_ITEMS = Var.text("configurationItems");

    // Business impact review (system owner).
    public static final Var<String> BUSINESS_IMPACT = Var.string("businessImpact");
    /** The risk decision's level (assess-risk.dmn), input of the approval routing and the rollback deadline. */
    public static final Var<String> RISK_LEVEL = Var.string("riskLevel");
    public static final Var<String> IMPACT_NOTES = Var.string("impactNotes");
    public static final Var<String> IMPACT_REVIEWED_BY = Var.string("impactReviewedBy");
}
