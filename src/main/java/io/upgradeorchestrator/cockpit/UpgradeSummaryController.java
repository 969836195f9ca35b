package io.upgradeorchestrator.cockpit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/upgrades/{id}/summary}: the same summary as the Cockpit tab, for scripts and CI (HTTP Basic, like
 * the rest of {@code /api}).
 */
@RestController
class UpgradeSummaryController {

    private final UpgradeSummaries summaries;

    UpgradeSummaryController(UpgradeSummaries summaries) {
        this.summaries = summaries;
    }

    @GetMapping("/api/upgrades/{id}/summary")
    ResponseEntity<?> summary(@PathVariable String id) {
        return summaries.forUpgrade(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No upgrade '" + id + "' that you may see");
            problem.setTitle("Upgrade not found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        });
    }
}
