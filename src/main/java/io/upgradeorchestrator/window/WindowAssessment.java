package io.upgradeorchestrator.window;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of checking a window: the plan it must hold, every problem found, and the rollback deadline (the
 * last moment a rollback can start and still finish inside the window).
 */
public record WindowAssessment(WindowPlan plan, List<WindowProblem> problems, Instant rollbackDeadline) {

    public WindowAssessment {
        problems = List.copyOf(problems);
    }

    public boolean fits() {
        return problems.isEmpty();
    }

    public String problemsText() {
        return problems.stream().map(WindowProblem::reason).collect(Collectors.joining("\n"));
    }
}
