package io.upgradeorchestrator.record;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.upgradeorchestrator.identity.Requesters;
import io.upgradeorchestrator.identity.UpgradeAccess;

/**
 * {@code GET /api/upgrades/{id}/record}: the upgrade record as JSON, or as a readable page for a browser
 * ({@code Accept: text/html}). Whoever may see the upgrade (UpgradeAccess) may read its record.
 */
@RestController
class UpgradeRecordController {

    private final UpgradeRecords records;
    private final UpgradeAccess access;

    UpgradeRecordController(UpgradeRecords records, UpgradeAccess access) {
        this.records = records;
        this.access = access;
    }

    @GetMapping("/api/upgrades/{id}/record")
    ResponseEntity<?> record(@PathVariable String id, @RequestHeader(value = "Accept", required = false) String accept) {
        // an upgrade the caller may not see does not exist for them
        if (!Requesters.isUpgradeId(id) || !access.callerMaySee(id)) {
            return notFound("Upgrade not found", "No upgrade '" + id + "' that you may see");
        }
        return records.find(id).<ResponseEntity<?>>map(record -> prefersHtml(accept)
                        ? ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                        .body(records.html(record))
                        : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(record.json()))
                .orElseGet(() -> notFound("No upgrade record yet", "Upgrade '" + id
                        + "' has no record yet: it is written when the upgrade closes"));
    }

    /** HTML when the caller ranks text/html above application/json (browsers do); JSON otherwise. */
    static boolean prefersHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (RuntimeException e) {
            return false;
        }
        MediaType.sortBySpecificityAndQuality(types);
        for (MediaType type : types) {
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> notFound(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
