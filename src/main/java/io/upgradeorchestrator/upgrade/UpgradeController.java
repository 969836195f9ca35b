package io.upgradeorchestrator.upgrade;

import java.net.URI;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.upgradeorchestrator.api.ApiError;
import io.upgradeorchestrator.api.InvalidRequestException;
import io.upgradeorchestrator.request.RequestValidator;
import io.upgradeorchestrator.request.RequestVariables;
import io.upgradeorchestrator.request.UpgradeRequest;

/**
 * Requesters (and their CI) start upgrades here and follow them. A bad request starts nothing: every problem
 * is answered at once, by field. The engine checks that the caller may start upgrades.
 */
@RestController
@RequestMapping("/api/upgrades")
class UpgradeController {

    private final RequestValidator validator;
    private final UpgradeIdGenerator ids;
    private final RuntimeService runtimeService;
    private final UpgradeQueries queries;

    UpgradeController(RequestValidator validator, UpgradeIdGenerator ids, RuntimeService runtimeService,
                      UpgradeQueries queries) {
        this.validator = validator;
        this.ids = ids;
        this.runtimeService = runtimeService;
        this.queries = queries;
    }

    @PostMapping
    ResponseEntity<UpgradeView> request(@RequestBody(required = false) UpgradeRequest request) {
        if (request == null) {
            throw new InvalidRequestException("The body is missing", List.of(new ApiError("body",
                    "send the upgrade request as a JSON object")));
        }
        RequestValidator.Result result = validator.validate(request);
        if (!result.valid()) {
            throw new InvalidRequestException("The upgrade request has " + result.problems().size()
                    + " problem(s); nothing was started",
                    result.problems().stream().map(p -> new ApiError(p.field(), p.message())).toList());
        }
        String id = ids.nextId();
        runtimeService.createProcessInstanceByKey(SystemUpgradeProcess.KEY).businessKey(id)
                .setVariables(RequestVariables.toVariables(request)).execute();
        UpgradeView view = queries.find(id).orElseThrow();
        return ResponseEntity.created(URI.create("/api/upgrades/" + id)).body(view);
    }

    @GetMapping("/{id}")
    ResponseEntity<?> get(@PathVariable String id) {
        return queries.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No upgrade '" + id + "' that you may see");
            problem.setTitle("Upgrade not found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        });
    }
}
