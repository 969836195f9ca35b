package io.upgradeorchestrator.verification;

import static io.upgradeorchestrator.rollout.UpgradeExecutionProcess.*;
import static io.upgradeorchestrator.variables.UpgradeVariables.SYSTEM_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.UPGRADE_ID;
import static io.upgradeorchestrator.variables.UpgradeVariables.WINDOW_START;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.upgradeorchestrator.inventory.InventoryService;
import io.upgradeorchestrator.rollout.RolloutNodeResults;
import io.upgradeorchestrator.variables.Summaries;

/** Reviews the runbook's logs since the window's start (or the upgrade's, if earlier) and lists what it found. */
@Component("reviewLogs")
class ReviewLogs implements JavaDelegate {

    private final InventoryService inventory;
    private final RolloutNodeResults results;
    private final Verification verification;

    ReviewLogs(InventoryService inventory, RolloutNodeResults results, Verification verification) {
        this.inventory = inventory;
        this.results = results;
        this.verification = verification;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String upgradeId = UPGRADE_ID.require(execution);
        Instant started = UPGRADE_STARTED_AT.require(execution).toInstant();
        Date windowStart = WINDOW_START.get(execution);
        Instant since = windowStart != null && windowStart.toInstant().isBefore(started) ? windowStart.toInstant()
                : started;
        Verification.LogReview review = verification.reviewLogs(upgradeId, ROLLOUT_RUN_ID.require(execution),
                inventory.require(SYSTEM_ID.require(execution)), results.findByUpgradeId(upgradeId), since);
        LOG_REVIEW_SUMMARY.set(execution, Summaries.fit(review.summary()));
    }
}
