package io.upgradeorchestrator.rulechange;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.upgradeorchestrator.security.Groups;

/**
 * Rule changes for process owners and the admin: the list (newest first), one change, and its stored files as
 * plain text (to review before approving). Who submitted, who decided, when, and the deployment that resulted.
 */
@RestController
@RequestMapping("/api/rule-changes")
class RuleChangeController {

    private final RuleChangeService ruleChanges;
    private final IdentityService identityService;

    RuleChangeController(RuleChangeService ruleChanges, IdentityService identityService) {
        this.ruleChanges = ruleChanges;
        this.identityService = identityService;
    }

    @GetMapping
    List<RuleChange> list(@RequestParam(defaultValue = "50") int max) {
        requireProcessOwnerOrAdmin();
        return ruleChanges.list(Math.max(1, Math.min(max, 500)));
    }

    @GetMapping("/{id}")
    RuleChange get(@PathVariable String id) {
        requireProcessOwnerOrAdmin();
        return ruleChanges.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No rule change " + id));
    }

    @GetMapping("/{id}/files/{name}")
    ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String name) {
        requireProcessOwnerOrAdmin();
        Map<String, byte[]> files = ruleChanges.files(id);
        byte[] content = files.get(name);
        if (content == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Rule change " + id + " has no file " + name);
        }
        // plain text and never rendered: the file is the submitter's, not ours
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .body(content);
    }

    private void requireProcessOwnerOrAdmin() {
        Authentication caller = identityService.getCurrentAuthentication();
        List<String> groups = caller == null || caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        if (!groups.contains(Groups.PROCESS_OWNERS)
                && !groups.contains(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Rule changes are for process owners and the admin");
        }
    }
}
