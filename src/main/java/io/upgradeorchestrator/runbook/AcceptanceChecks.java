package io.upgradeorchestrator.runbook;

import java.util.Comparator;
import java.util.List;

import io.upgradeorchestrator.inventory.Runbook;

/** "Core functions should be tested first": the order in which a runbook's acceptance checks run. */
public final class AcceptanceChecks {

    private AcceptanceChecks() {
    }

    /** CORE checks first, then STANDARD; within a priority, the runbook's order. */
    public static List<Runbook.AcceptanceCheck> coreFirst(Runbook runbook) {
        return runbook.acceptanceChecks().stream()
                .sorted(Comparator.comparing(Runbook.AcceptanceCheck::priority)).toList();
    }
}
